//! The `oogst` command line: parses arguments, runs a command, turns its
//! errors into a message on stderr and an exit status (0 success, 1 a
//! user-facing error, 2 bad usage).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use oogst::check::{check_text, read_text};
use oogst::i18n::Lang;
use oogst::programme::{DEMO_JSON, DayTime, Programme};
use oogst::session_dir::{SessionDir, write_atomic};
use oogst::tui::{self, LeadOptions, theme::Theme};

#[derive(Parser)]
#[command(
    name = "oogst",
    version,
    about = "Run the agenda clock of a participatory meeting and harvest what its breakout rooms said.",
    long_about = "Run the agenda clock of a participatory meeting and harvest what its breakout rooms said.\n\n\
                  Without a command, oogst opens the lead view on the built-in demo programme.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    lead: LeadArgs,
    /// Language of the interface [default: from LANG / LC_ALL]
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the agenda clock (the lead view)
    Lead(LeadArgs),
    /// Validate programme, clock or lead-state files
    Check {
        /// Files to validate
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write an editable copy of the demo programme
    Init {
        /// Where to write it
        #[arg(default_value = "programme.json")]
        file: PathBuf,
        /// Overwrite the file if it exists
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args, Default)]
struct LeadArgs {
    /// Programme file [default: the session folder's programme.json, else the built-in demo]
    programme: Option<PathBuf>,
    /// Session folder shared with the hosts [default: <data dir>/sessions/<programme id>]
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Rehearse: pretend the wall clock reads HH:MM at start-up
    #[arg(long, value_name = "HH:MM", value_parser = parse_at)]
    at: Option<DayTime>,
    /// Rehearse: run the clock N times as fast as real time
    #[arg(long, value_name = "N", value_parser = parse_speed)]
    speed: Option<f64>,
    /// Set the saved clock of this session aside and start anew
    #[arg(long)]
    fresh: bool,
}

fn parse_at(s: &str) -> Result<DayTime, String> {
    match DayTime::parse(s) {
        Some(t) if t < DayTime::MIDNIGHT_END => Ok(t),
        _ => Err(format!(
            "\"{s}\" is not a time of day; write HH:MM, e.g. 10:08"
        )),
    }
}

fn parse_speed(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 && n <= 3600.0 => Ok(n),
        _ => Err(format!(
            "\"{s}\" is not a speed; give a number from 0.1 to 3600, e.g. 30"
        )),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let result = match cli.command {
        None => lead(cli.lead, lang),
        Some(Command::Lead(args)) => lead(args, lang),
        Some(Command::Check { files }) => check(&files, lang),
        Some(Command::Init { file, force }) => init(&file, force, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("oogst: {message}");
            ExitCode::from(1)
        }
    }
}

fn load_programme(path: &Path, lang: Lang) -> Result<Programme, String> {
    let text = read_text(path, lang)?;
    Programme::parse(&text, &path.display().to_string()).map_err(|e| lang.file_error(&e))
}

fn lead(args: LeadArgs, lang: Lang) -> Result<(), String> {
    let programme = match (&args.programme, &args.dir) {
        (Some(path), _) => load_programme(path, lang)?,
        (None, Some(dir)) if dir.join("programme.json").exists() => {
            load_programme(&dir.join("programme.json"), lang)?
        }
        _ => Programme::demo(),
    };
    let dir = match args.dir {
        Some(d) => SessionDir::new(d),
        None => SessionDir::default_for(&programme.id).ok_or_else(|| match lang {
            Lang::Nl => "geen datamap gevonden voor de sessie; geef er een met --dir".to_string(),
            Lang::En => "no data folder found for the session; give one with --dir".to_string(),
        })?,
    };
    let opts = LeadOptions {
        programme,
        dir,
        lang,
        theme: Theme::from_env(),
        tz: jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC),
        at: args.at,
        speed: args.speed,
        fresh: args.fresh,
    };
    let (app, session, notices) = tui::start_lead(opts, jiff::Timestamp::now())?;
    tui::run_lead(app, session, notices)
}

fn check(files: &[PathBuf], lang: Lang) -> Result<(), String> {
    let mut failed = 0;
    for path in files {
        let name = path.display().to_string();
        let outcome = read_text(path, lang)
            .and_then(|text| check_text(&text, &name, lang).map_err(|e| lang.file_error(&e)));
        match outcome {
            Ok(summary) => println!("{name}: ok: {summary}"),
            Err(message) => {
                eprintln!("{message}");
                failed += 1;
            }
        }
    }
    match (failed, lang) {
        (0, _) => Ok(()),
        (n, Lang::Nl) => Err(format!("{n} van {} bestand(en) ongeldig", files.len())),
        (n, Lang::En) => Err(format!("{n} of {} file(s) invalid", files.len())),
    }
}

fn init(file: &Path, force: bool, lang: Lang) -> Result<(), String> {
    let name = file.display();
    if file.exists() && !force {
        return Err(match lang {
            Lang::Nl => {
                format!("{name} bestaat al; kies een andere naam of overschrijf met --force")
            }
            Lang::En => {
                format!("{name} already exists; choose another name or overwrite with --force")
            }
        });
    }
    write_atomic(file, DEMO_JSON.as_bytes()).map_err(|e| format!("{name}: {e}"))?;
    match lang {
        Lang::Nl => println!(
            "{name} geschreven. Pas het aan, controleer het met `oogst check {name}` en start met `oogst lead {name}`."
        ),
        Lang::En => println!(
            "Wrote {name}. Edit it, validate it with `oogst check {name}`, then run `oogst lead {name}`."
        ),
    }
    Ok(())
}
