//! The `oogst` command line: parses arguments, runs a command, turns its
//! errors into a message on stderr and an exit status (0 success, 1 a
//! user-facing error, 2 bad usage).

#![forbid(unsafe_code)]

mod cli;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use oogst::check::check_text;
use oogst::export::{self, By, Format};
use oogst::files::{Links, read_text, shown};
use oogst::i18n::Lang;
use oogst::programme::{DEMO_JSON, DayTime, Programme};
use oogst::session_dir::{Config, SessionDir, write_atomic};
use oogst::text::{for_message, message_lines};
use oogst::tui::host_session::{HostOptions, run_host, start_host};
use oogst::tui::{self, LeadOptions, theme::Theme};

/// The help texts here are the English ones; [`localize`] puts the
/// interface language's in their place before parsing.
#[derive(Parser)]
#[command(name = "oogst", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Options of the lead view, when `oogst` runs without a command.
    #[command(flatten)]
    lead: LeadOptionsArgs,
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
}

#[derive(Subcommand)]
enum Command {
    Lead(LeadArgs),
    Host {
        #[arg(long)]
        room: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, id = "host_dir", value_name = "DIR")]
        dir: Option<PathBuf>,
        #[arg(long, id = "host_programme", value_name = "FILE")]
        programme: Option<PathBuf>,
    },
    Merge {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "question")]
        by: By,
        #[arg(long, value_name = "ID")]
        session: Option<String>,
        #[arg(long)]
        keep_going: bool,
        #[arg(long)]
        no_drafts: bool,
    },
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    Init {
        #[arg(default_value = "programme.json")]
        file: PathBuf,
        #[arg(long)]
        force: bool,
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(oogst::templates::NAMES))]
        template: Option<String>,
    },
    Edit {
        #[arg(
            id = "edit_file",
            value_name = "FILE",
            default_value = "programme.json"
        )]
        file: PathBuf,
    },
    Watch {
        #[arg(id = "watch_dir", value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Args)]
struct LeadArgs {
    programme: Option<PathBuf>,
    #[command(flatten)]
    options: LeadOptionsArgs,
}

#[derive(Args, Default)]
struct LeadOptionsArgs {
    #[arg(long)]
    dir: Option<PathBuf>,
    #[arg(long, value_name = "HH:MM", value_parser = cli::parse_at)]
    at: Option<DayTime>,
    #[arg(long, value_name = "N", value_parser = cli::parse_speed)]
    speed: Option<f64>,
    #[arg(long)]
    fresh: bool,
    #[arg(long)]
    take_over: bool,
}

/// The language asked for with `--lang` anywhere on the command line,
/// before clap has parsed it (so that its help can be in that language).
fn lang_from_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => continue,
        };
        match value.as_deref() {
            Some("nl") => return Some(Lang::Nl),
            Some("en") => return Some(Lang::En),
            _ => {}
        }
    }
    None
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = lang_from_args(&args).unwrap_or_else(Lang::from_env);
    let mut command = cli::localize(Cli::command(), lang);
    let matches = match command.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        // Help and version exit 0.
        Err(e) if !e.use_stderr() => e.exit(),
        // Bad usage 2, with clap's message in the interface language.
        Err(e) => {
            eprintln!(
                "{}",
                cli::usage_error(&e, lang, &cli::usage_of(&command, &args))
            );
            return ExitCode::from(2);
        }
    };
    if let Some(("help", sub)) = matches.subcommand() {
        let which = sub.get_one::<String>("command").map(String::as_str);
        return match cli::help_of(&mut command, which) {
            Some(help) => {
                print!("{help}");
                ExitCode::SUCCESS
            }
            None => {
                let t = lang.t();
                let which = for_message(which.unwrap_or_default());
                eprintln!(
                    "{} {}\n\n{} {}",
                    t.cli_error,
                    oogst::i18n::fill(t.cli_err_unknown_command, &[("command", &which)]),
                    t.cli_usage,
                    t.cli_usage_help
                );
                ExitCode::from(2)
            }
        };
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => {
            eprintln!(
                "{}",
                cli::usage_error(&e, lang, &cli::usage_of(&command, &args))
            );
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        None => lead(None, cli.lead, lang),
        Some(Command::Lead(args)) => lead(args.programme, args.options, lang),
        Some(Command::Host {
            room,
            name,
            dir,
            programme,
        }) => host(room, name, dir, programme, lang),
        Some(Command::Merge {
            paths,
            format,
            output,
            by,
            session,
            keep_going,
            no_drafts,
        }) => merge(
            &paths,
            format,
            output.as_deref(),
            by,
            oogst::merge::Options {
                session,
                keep_going,
                drafts: !no_drafts,
            },
            lang,
        ),
        Some(Command::Check { files }) => check(&files, lang),
        Some(Command::Init {
            file,
            force,
            template,
        }) => init(&file, force, template.as_deref(), lang),
        Some(Command::Watch { dir }) => watch(dir, lang),
        Some(Command::Edit { file }) => edit(&file, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("oogst: {}", message_lines(&message));
            ExitCode::from(1)
        }
    }
}

fn load_programme(path: &Path, lang: Lang) -> Result<Programme, String> {
    let text = read_text(path, Links::Follow).map_err(|e| lang.read_error(&e))?;
    Programme::parse(&text, &path.display().to_string()).map_err(|e| lang.file_error(&e))
}

fn lead(programme: Option<PathBuf>, args: LeadOptionsArgs, lang: Lang) -> Result<(), String> {
    let programme = match (&programme, &args.dir) {
        (Some(path), _) => load_programme(path, lang)?,
        (None, Some(dir)) if std::fs::symlink_metadata(dir.join("programme.json")).is_ok() => {
            // The session folder's own copy: a plain file, never a link.
            let path = dir.join("programme.json");
            let text = read_text(&path, Links::Refuse).map_err(|e| lang.read_error(&e))?;
            Programme::parse(&text, &path.display().to_string()).map_err(|e| lang.file_error(&e))?
        }
        _ => Programme::demo(),
    };
    let dir = match args.dir {
        Some(d) => SessionDir::new(d),
        None => SessionDir::default_for(&programme.id).ok_or_else(|| no_data_dir(lang))?,
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
        take_over: args.take_over,
        // Without a config dir (or a writer id in it) this run is a
        // machine of its own.
        writer: Config::locate().and_then(|c| c.writer_id().ok()),
    };
    let (app, session, notices) = tui::start_lead(opts, jiff::Timestamp::now())?;
    tui::run_lead(app, session, notices)
}

fn host(
    room: Option<String>,
    name: Option<String>,
    dir: Option<PathBuf>,
    programme: Option<PathBuf>,
    lang: Lang,
) -> Result<(), String> {
    // A programme given is used (the session folder's copy takes over when
    // it appears); in a session folder without one the host waits for the
    // lead's, and never falls back to the demo.
    let programme = match (&dir, &programme) {
        (_, Some(path)) => Some(load_programme(path, lang)?),
        (Some(d), None) => {
            let path = d.join("programme.json");
            oogst::files::read_text(&path, Links::Refuse)
                .ok()
                .and_then(|text| Programme::parse(&text, &path.display().to_string()).ok())
        }
        (None, None) => Some(Programme::demo()),
    };
    let dir = match (dir, &programme) {
        (Some(d), _) => SessionDir::new(d),
        (None, Some(p)) => SessionDir::default_for(&p.id).ok_or_else(|| no_data_dir(lang))?,
        (None, None) => return Err(no_data_dir(lang)),
    };
    let config = Config::locate().ok_or_else(|| no_data_dir(lang))?;
    let name = match name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()) {
        Some(n) => {
            config
                .remember_name(&n)
                .map_err(|e| format!("{}: {}", shown(&config.dir), lang.io_error(&e)))?;
            n
        }
        None => config
            .last_name()
            .ok_or_else(|| lang.t().cli_need_name.to_string())?,
    };
    let writer = config
        .writer_id()
        .map_err(|e| format!("{}: {}", shown(&config.dir), lang.io_error(&e)))?;
    let opts = HostOptions {
        programme,
        dir,
        room: room.map(|r| r.trim().to_string()).filter(|r| !r.is_empty()),
        name,
        writer,
        lang,
        theme: Theme::from_env(),
        tz: jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC),
    };
    let (shell, session) = start_host(opts, jiff::Timestamp::now())?;
    run_host(shell, session)
}

fn merge(
    paths: &[PathBuf],
    format: Option<Format>,
    output: Option<&Path>,
    by: By,
    opts: oogst::merge::Options,
    lang: Lang,
) -> Result<(), String> {
    let t = lang.t();
    let inputs = oogst::merge::read_inputs(paths).map_err(|e| lang.read_error(&e))?;
    let (harvest, report) =
        oogst::merge::merge(&inputs, &opts).map_err(|e| lang.merge_error(&e).join("\n"))?;
    let format = format
        .or_else(|| output.and_then(Format::from_extension))
        .unwrap_or(Format::Md);
    match output {
        Some(path) => {
            // Whole or not at all: a temporary file, fsync, rename.
            let name = shown(path);
            let fail = |e: std::io::Error| format!("{name}: {}", lang.io_error(&e));
            if path.is_dir() {
                return Err(fail(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
            }
            let mut file = atomic_write_file::AtomicWriteFile::options()
                .open(path)
                .map_err(fail)?;
            {
                let mut w = std::io::BufWriter::new(&mut file);
                export::write(&harvest, format, by, lang, &mut w).map_err(fail)?;
                std::io::Write::flush(&mut w).map_err(fail)?;
            }
            file.commit().map_err(fail)?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            let written = export::write(&harvest, format, by, lang, &mut w)
                .and_then(|()| std::io::Write::flush(&mut w));
            match written {
                Ok(()) => {}
                // The reader went away (`| head`): nothing more to say.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                Err(e) => return Err(format!("stdout: {}", lang.io_error(&e))),
            }
        }
    }
    let words =
        |n: usize, one: &str, more: &str| format!("{n} {}", if n == 1 { one } else { more });
    let mut summary = vec![words(
        report.files_read,
        t.merge_file_read,
        t.merge_files_read,
    )];
    if report.rounds > 1 {
        summary.push(lang.count_rounds(report.rounds));
    }
    summary.extend([
        lang.count_rooms(report.rooms),
        lang.count_hosts(report.hosts),
        lang.count_notes(report.notes),
        lang.count_drafts(report.drafts),
        words(report.duplicates, t.merge_duplicate, t.merge_duplicates),
        format!("{} {}", report.tombstones, t.merge_deleted),
        words(
            report.session_files,
            t.merge_session_file,
            t.merge_session_files,
        ),
        format!("{} {}", report.skipped.len(), t.merge_skipped_count),
    ]);
    eprintln!("oogst: {}", summary.join(" · "));
    if report.drafts_left_out && report.drafts > 0 {
        eprintln!(
            "oogst: {}",
            oogst::i18n::fill(
                t.merge_drafts_left_out,
                &[("n", &report.drafts.to_string())]
            )
        );
    }
    for (file, why) in &report.skipped {
        eprintln!(
            "oogst: {}: {}",
            t.merge_skipped,
            message_lines(&lang.skip(file, why))
        );
    }
    if let Some(path) = output {
        eprintln!(
            "oogst: {}",
            oogst::i18n::fill(t.merge_wrote, &[("file", &shown(path))])
        );
    }
    Ok(())
}

/// `oogst watch [DIR]`: read-only, so it needs no config dir, no writer
/// id and no data dir, and asks for none.
fn watch(dir: Option<PathBuf>, lang: Lang) -> Result<(), String> {
    let dir = tui::watch::session_folder(dir).map_err(|e| e.words(lang))?;
    let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
    tui::watch::run_watch(dir, lang, Theme::from_env(), tz)
}

/// `oogst edit [FILE]`: the programme in a form (a template first for a
/// new file).
fn edit(file: &Path, lang: Lang) -> Result<(), String> {
    let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
    let app =
        tui::editor::app::start_edit(file, lang, Theme::from_env(), jiff::Timestamp::now(), &tz)?;
    tui::editor::app::run_edit(app)
}

fn no_data_dir(lang: Lang) -> String {
    lang.t().cli_no_data_dir.to_string()
}

fn check(paths: &[PathBuf], lang: Lang) -> Result<(), String> {
    let mut failed = 0;
    let mut checked = 0;
    // A folder stands for every plain .json file in it (as `merge` reads
    // it); a file named here may be a link.
    let mut files: Vec<(PathBuf, Links)> = Vec::new();
    for p in paths {
        if p.is_dir() {
            let (found, passed) = oogst::merge::json_files_in(p)
                .map_err(|e| format!("{}: {}", shown(p), lang.io_error(&e)))?;
            if found.is_empty() && passed.is_empty() {
                eprintln!("{}: {}", shown(p), lang.t().check_empty_folder);
                failed += 1;
            }
            for (path, what) in passed {
                eprintln!("{}: {}", shown(&path), lang.special(what));
            }
            files.extend(found.into_iter().map(|f| (f, Links::Refuse)));
        } else {
            files.push((p.clone(), Links::Follow));
        }
    }
    for (path, links) in &files {
        let name = path.display().to_string();
        checked += 1;
        let outcome = read_text(path, *links)
            .map_err(|e| lang.read_error(&e))
            .and_then(|text| check_text(&text, &name).map_err(|e| lang.file_error(&e)));
        match outcome {
            Ok(verdict) => {
                let (summary, warnings) = lang.verdict(&verdict, &name);
                println!("{}: ok: {summary}", for_message(&name));
                for w in warnings {
                    eprintln!("{}", message_lines(&w));
                }
            }
            Err(message) => {
                eprintln!("{}", message_lines(&message));
                failed += 1;
            }
        }
    }
    let total = checked.max(failed);
    match failed {
        0 => Ok(()),
        n => Err(oogst::i18n::fill(
            lang.t().check_invalid,
            &[("n", &n.to_string()), ("total", &total.to_string())],
        )),
    }
}

fn init(file: &Path, force: bool, template: Option<&str>, lang: Lang) -> Result<(), String> {
    let name = shown(file);
    if file.exists() && !force {
        return Err(oogst::i18n::fill(lang.t().init_exists, &[("name", &name)]));
    }
    // A template is for a meeting of today (the lead changes the date).
    let text = match template.and_then(oogst::templates::find) {
        Some(t) => {
            let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
            t.text(jiff::Timestamp::now().to_zoned_datetime(tz).date())
        }
        None => DEMO_JSON.to_string(),
    };
    write_atomic(file, text.as_bytes()).map_err(|e| format!("{name}: {}", lang.io_error(&e)))?;
    println!(
        "{}",
        oogst::i18n::fill(lang.t().init_wrote, &[("name", &name)])
    );
    Ok(())
}
