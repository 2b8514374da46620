//! The command line in the interface language: clap's help and its error
//! messages dressed in the catalogue's words ("fout:", "Gebruik:",
//! "mogelijke waarden", …), and the values oogst checks itself.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use oogst::i18n::{Lang, fill};
use oogst::programme::DayTime;
use oogst::text::for_message;

/// A value of an option that oogst refuses (put into words by
/// [`usage_error`], in the interface language).
#[derive(Debug)]
pub enum BadValue {
    Time(String),
    Speed(String),
}

impl std::fmt::Display for BadValue {
    /// The English words: what clap would show if the catalogue's were
    /// not put in their place.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

impl std::error::Error for BadValue {}

impl BadValue {
    fn words(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            BadValue::Time(v) => fill(t.cli_bad_at, &[("value", &for_message(v))]),
            BadValue::Speed(v) => fill(t.cli_bad_speed, &[("value", &for_message(v))]),
        }
    }
}

pub fn parse_at(s: &str) -> Result<DayTime, BadValue> {
    match DayTime::parse(s) {
        Some(t) if t < DayTime::MIDNIGHT_END => Ok(t),
        _ => Err(BadValue::Time(s.to_string())),
    }
}

pub fn parse_speed(s: &str) -> Result<f64, BadValue> {
    match s.parse::<f64>() {
        Ok(n) if (1.0..=oogst::clock::document::MAX_SPEED).contains(&n) => Ok(n),
        _ => Err(BadValue::Speed(s.to_string())),
    }
}

/// Puts the interface language's help texts, headings, usage lines and
/// value names into the command; possible and default values are said
/// in the help text, in words of the language.
pub fn localize(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = lang.t();
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t.cli_usage
    );
    // Per argument: its help text and the name of its value.
    let words_of = |id: &str| -> Option<(&'static str, Option<&'static str>)> {
        Some(match id {
            "lang" => (t.cli_lang, Some(t.cli_value_lang)),
            "programme" => (t.cli_programme, Some(t.cli_value_programme)),
            "dir" => (t.cli_dir, Some(t.cli_value_dir)),
            "at" => (t.cli_at, Some(t.cli_value_time)),
            "speed" => (t.cli_speed, None),
            "fresh" => (t.cli_fresh, None),
            "take_over" => (t.cli_take_over, None),
            "files" => (t.cli_files, Some(t.cli_value_file)),
            "file" => (t.cli_file, Some(t.cli_value_file)),
            "force" => (t.cli_force, None),
            "template" => (t.cli_template, Some(t.cli_value_template)),
            "room" => (t.cli_room, Some(t.cli_value_room)),
            "name" => (t.cli_name, Some(t.cli_value_name)),
            "host_programme" => (t.cli_host_programme, Some(t.cli_value_file)),
            "host_dir" => (t.cli_host_dir, Some(t.cli_value_dir)),
            "paths" => (t.cli_paths, Some(t.cli_value_path)),
            "format" => (t.cli_format, Some(t.cli_value_format)),
            "output" => (t.cli_output, Some(t.cli_value_file)),
            "by" => (t.cli_by, Some(t.cli_value_order)),
            "session" => (t.cli_session, None),
            "keep_going" => (t.cli_keep_going, None),
            "no_drafts" => (t.cli_no_drafts, None),
            "command" => (t.cli_help_which, Some(t.cli_value_command)),
            "watch_dir" => (t.cli_watch_dir, Some(t.cli_value_dir)),
            "edit_file" => (t.cli_edit_file, Some(t.cli_value_file)),
            _ => return None,
        })
    };
    let dress = |cmd: clap::Command, usage: &'static str| {
        cmd.help_template(template.clone())
            .override_usage(usage)
            .subcommand_help_heading(t.cli_commands)
            .disable_help_flag(true)
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(clap::ArgAction::Help)
                    .help(t.cli_help),
            )
            .mut_args(|a| {
                let heading = if a.is_positional() {
                    t.cli_arguments
                } else {
                    t.cli_options
                };
                let words = words_of(a.get_id().as_str());
                let mut help = words
                    .map(|(h, _)| h.to_string())
                    .or_else(|| a.get_help().map(ToString::to_string))
                    .unwrap_or_default();
                let values: Vec<String> = a
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_string())
                    .collect();
                let takes_values = a.get_action().takes_values();
                let named = values.iter().all(|v| help.contains(v.as_str()));
                if takes_values && !values.is_empty() && !named {
                    help += &format!(" [{}: {}]", t.cli_possible_values, values.join(", "));
                }
                let defaults: Vec<String> = a
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                if takes_values && !defaults.is_empty() && !a.is_hide_default_value_set() {
                    help += &format!(" [{}: {}]", t.cli_default, defaults.join(", "));
                }
                let a = a
                    .help_heading(heading)
                    .help(help)
                    .hide_possible_values(takes_values)
                    .hide_default_value(takes_values);
                match words.and_then(|(_, value)| value) {
                    Some(v) => a.value_name(v),
                    None => a,
                }
            })
    };
    dress(cmd, t.cli_usage_top)
        .about(t.cli_about)
        .long_about(t.cli_about_long)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(t.cli_version)
                .help_heading(t.cli_options),
        )
        .subcommand(dress(
            clap::Command::new("help")
                .about(t.cli_help_command)
                .arg(clap::Arg::new("command").help(t.cli_help_which)),
            t.cli_usage_help,
        ))
        .mut_subcommand("lead", |c| dress(c, t.cli_usage_lead).about(t.cli_lead))
        .mut_subcommand("host", |c| dress(c, t.cli_usage_host).about(t.cli_host))
        .mut_subcommand("merge", |c| dress(c, t.cli_usage_merge).about(t.cli_merge))
        .mut_subcommand("check", |c| dress(c, t.cli_usage_check).about(t.cli_check))
        .mut_subcommand("init", |c| dress(c, t.cli_usage_init).about(t.cli_init))
        .mut_subcommand("watch", |c| dress(c, t.cli_usage_watch).about(t.cli_watch))
        .mut_subcommand("edit", |c| dress(c, t.cli_usage_edit).about(t.cli_edit))
}

/// The usage line of the command that `args` run (`oogst`'s own when
/// they name none).
pub fn usage_of(cmd: &clap::Command, args: &[std::ffi::OsString]) -> String {
    let named = args
        .iter()
        .skip(1)
        .find_map(|a| cmd.find_subcommand(a.to_str()?));
    named.unwrap_or(cmd).clone().render_usage().to_string()
}

/// `oogst help [COMMAND]`: the help of the command (all of oogst's when
/// none is named), as `--help` gives it; `None` when there is no such
/// command (the caller says so as bad usage).
pub fn help_of(cmd: &mut clap::Command, command: Option<&str>) -> Option<String> {
    let found = match command {
        None => cmd,
        Some(name) => cmd.find_subcommand_mut(name)?,
    };
    Some(found.render_long_help().to_string())
}

/// clap's message for bad usage, in the interface language: what is
/// wrong, a suggestion if clap has one, the usage line and where to read
/// more. Plain text: a terminal's colours are not needed to read it.
///
/// `usage` is the usage line to show when clap gives none (its own words
/// about a bad value leave it out).
pub fn usage_error(e: &clap::Error, lang: Lang, usage: &str) -> String {
    let t = lang.t();
    let text = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(for_message(s).into_owned()),
        _ => None,
    };
    let texts = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.iter().map(|s| for_message(s).into_owned()).collect(),
        Some(ContextValue::String(s)) => vec![for_message(s).into_owned()],
        _ => Vec::new(),
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut out = format!("{} ", t.cli_error);
    match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            out += &fill(t.cli_err_value_missing, &[("arg", &arg)]);
        }
        ErrorKind::InvalidValue => {
            out += &fill(t.cli_err_invalid_value, &[("value", &value), ("arg", &arg)]);
            let valid = texts(ContextKind::ValidValue);
            if !valid.is_empty() {
                out += &format!("\n  [{}: {}]", t.cli_possible_values, valid.join(", "));
            }
        }
        ErrorKind::ValueValidation => {
            out += &fill(t.cli_err_invalid_value, &[("value", &value), ("arg", &arg)]);
            let why = std::error::Error::source(e).map(|s| match s.downcast_ref::<BadValue>() {
                Some(bad) => bad.words(lang),
                None => for_message(&s.to_string()).into_owned(),
            });
            if let Some(why) = why {
                out += &format!(": {why}");
            }
        }
        ErrorKind::UnknownArgument => out += &fill(t.cli_err_unknown_arg, &[("arg", &arg)]),
        ErrorKind::InvalidSubcommand => {
            let command = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            out += &fill(t.cli_err_unknown_command, &[("command", &command)]);
        }
        ErrorKind::MissingRequiredArgument => {
            out += t.cli_err_missing;
            for a in texts(ContextKind::InvalidArg) {
                out += &format!("\n  {a}");
            }
        }
        ErrorKind::ArgumentConflict => {
            let other = texts(ContextKind::PriorArg).join(", ");
            if other.is_empty() || other == arg {
                out += &fill(t.cli_err_twice, &[("arg", &arg)]);
            } else {
                out += &fill(t.cli_err_conflict, &[("arg", &arg), ("other", &other)]);
            }
        }
        ErrorKind::TooManyValues => {
            out += &fill(t.cli_err_too_many, &[("value", &value), ("arg", &arg)]);
        }
        // The rest cannot happen with oogst's arguments; said plainly.
        _ => out += t.cli_err_other,
    }
    let similar = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(texts)
    .collect::<Vec<_>>();
    if !similar.is_empty() {
        let what = similar.join("', '");
        out += &format!(
            "\n\n  {} {}",
            t.cli_tip,
            fill(t.cli_similar, &[("what", &what)])
        );
    }
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => usage.to_string(),
        _ => usage.to_string(),
    };
    let usage = usage.trim_start_matches("Usage:").trim();
    out += &format!("\n\n{} {usage}", t.cli_usage);
    out += "\n\n";
    out += &fill(t.cli_more_info, &[("help", "--help")]);
    out
}
