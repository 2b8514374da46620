//! Every interface string, in Dutch and English. Programme text is shown as
//! written; this is everything around it. One `Catalog` per language, so a
//! missing translation is a compile error, not a blank on screen.

use crate::check::Verdict;
use crate::files::{FileError, Problem, ProblemKind, ReadError, Special, Unreadable};
use crate::merge::{MergeError, MergeProblem, Skip};
use crate::programme::{BlockKind, DayTime};
use crate::room::open::{LeftAlone, Notice, OpenError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    /// From `LC_ALL`, then `LC_MESSAGES`, then `LANG`: `nl*` is Dutch,
    /// anything else English.
    pub fn from_env() -> Lang {
        let get = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let value = get("LC_ALL")
            .or_else(|| get("LC_MESSAGES"))
            .or_else(|| get("LANG"));
        Lang::from_locale(value.as_deref().unwrap_or(""))
    }

    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("nl") {
            Lang::Nl
        } else {
            Lang::En
        }
    }

    pub fn t(self) -> &'static Catalog {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }

    /// A length of time in whole minutes, rounded: `5 min`, `1 u 05 min`.
    pub fn duration(self, d: jiff::SignedDuration) -> String {
        let t = self.t();
        let minutes = (d.abs().as_secs() + 30) / 60;
        let (h, m) = (minutes / 60, minutes % 60);
        match h {
            0 => fill(t.duration_minutes, &[("m", &m.to_string())]),
            _ => fill(
                t.duration_hours,
                &[("h", &h.to_string()), ("m", &format!("{m:02}"))],
            ),
        }
    }

    /// A date as people write it: `21 januari 2021`, `21 January 2021`.
    pub fn date(self, d: jiff::civil::Date) -> String {
        let t = self.t();
        let month = t.months[usize::try_from(d.month() - 1).unwrap_or(0).min(11)];
        fill(
            t.date,
            &[
                ("day", &d.day().to_string()),
                ("month", month),
                ("year", &d.year().to_string()),
            ],
        )
    }

    /// "3 files" / "1 file", in words of this language.
    pub fn count_files(self, n: usize) -> String {
        let t = self.t();
        count(n, t.dash_file_one, t.dash_files)
    }

    pub fn kind_name(self, kind: BlockKind) -> &'static str {
        let t = self.t();
        match kind {
            BlockKind::WalkIn => t.kind_walk_in,
            BlockKind::Plenary => t.kind_plenary,
            BlockKind::Case => t.kind_case,
            BlockKind::Questions => t.kind_questions,
            BlockKind::Breakout => t.kind_breakout,
            BlockKind::Break => t.kind_break,
            BlockKind::Closing => t.kind_closing,
        }
    }

    /// An I/O error in words; the system's own for the rare ones.
    pub fn io_error(self, e: &std::io::Error) -> String {
        self.io_words(e.kind(), &e.to_string())
    }

    /// An I/O error of `kind` in words; `raw` (the system's) for the rare
    /// ones, made safe for a message.
    pub fn io_words(self, kind: std::io::ErrorKind, raw: &str) -> String {
        use std::io::ErrorKind as K;
        let t = self.t();
        let words = match kind {
            K::NotFound => t.io_not_found,
            K::PermissionDenied => t.io_permission_denied,
            K::IsADirectory => t.io_is_a_folder,
            K::NotADirectory => t.io_not_a_folder,
            K::StorageFull => t.io_disk_full,
            K::ReadOnlyFilesystem => t.io_read_only,
            K::QuotaExceeded => t.io_quota,
            K::AlreadyExists => t.io_exists,
            K::TimedOut => t.io_timed_out,
            K::ResourceBusy => t.io_busy,
            K::DirectoryNotEmpty => t.io_not_empty,
            K::CrossesDevices => t.io_cross_device,
            K::NetworkUnreachable
            | K::NetworkDown
            | K::NotConnected
            | K::ConnectionReset
            | K::ConnectionAborted
            | K::HostUnreachable => t.io_network,
            K::StaleNetworkFileHandle => t.io_stale,
            K::InvalidFilename => t.io_bad_name,
            K::FileTooLarge => t.io_too_big,
            K::OutOfMemory => t.io_no_memory,
            K::Unsupported => t.io_unsupported,
            K::UnexpectedEof => t.io_eof,
            _ => return crate::text::for_message(raw).into_owned(),
        };
        words.to_string()
    }

    /// What a path that is not a plain file is.
    pub fn special(self, what: Special) -> &'static str {
        let t = self.t();
        match what {
            Special::Fifo => t.file_is_fifo,
            Special::Socket => t.file_is_socket,
            Special::Device => t.file_is_device,
            Special::Folder => t.file_is_folder,
            Special::Link => t.file_is_link,
            Special::Other => t.file_is_special,
        }
    }

    /// Why a file could not be read, starting with the file.
    pub fn read_error(self, e: &ReadError) -> String {
        format!("{}: {}", e.file, self.unreadable(&e.why))
    }

    /// Why a file could not be read, without its name.
    pub fn unreadable(self, why: &Unreadable) -> String {
        let t = self.t();
        match why {
            Unreadable::NotPlain(what) => self.special(*what).to_string(),
            Unreadable::Io { kind, raw } => self.io_words(*kind, raw),
            Unreadable::TooLarge { bytes, exact } => {
                let max = crate::files::MAX_FILE_BYTES;
                let shown = if *exact { *bytes } else { (*bytes).min(max) };
                let mib = format!("{:.1}", shown as f64 / (1024.0 * 1024.0));
                let more = if *exact { "" } else { "> " };
                fill(t.file_too_large, &[("more", more), ("mib", &mib)])
            }
            Unreadable::NotUtf8 { at } => fill(t.file_not_utf8, &[("at", &at.to_string())]),
        }
    }

    /// `1 room`, `3 rooms`.
    pub fn count_rooms(self, n: usize) -> String {
        let t = self.t();
        count(n, t.doc_room_one, t.doc_rooms)
    }

    /// `1 host`, `3 hosts`.
    pub fn count_hosts(self, n: usize) -> String {
        let t = self.t();
        count(n, t.doc_host_one, t.doc_hosts)
    }

    /// `1 round`, `3 rounds`.
    pub fn count_rounds(self, n: usize) -> String {
        let t = self.t();
        count(n, t.doc_round_one, t.doc_rounds)
    }

    /// `1 draft`, `3 drafts`.
    pub fn count_drafts(self, n: usize) -> String {
        let t = self.t();
        count(n, t.doc_draft_one, t.doc_drafts)
    }

    /// `1 note`, `3 notes`.
    pub fn count_notes(self, n: usize) -> String {
        let t = self.t();
        count(n, t.doc_note, t.doc_notes)
    }

    /// What `check` says of a good file `file`: a one-line summary, and
    /// its warnings (each with the file and its place).
    pub fn verdict(self, v: &Verdict, file: &str) -> (String, Vec<String>) {
        use crate::text::for_message;
        let t = self.t();
        match v {
            Verdict::Programme {
                title,
                blocks,
                first,
                last,
                breakouts,
                warnings,
            } => {
                let time = |t: &Option<DayTime>| t.map(|t| t.to_string()).unwrap_or_default();
                let summary = fill(
                    t.check_programme,
                    &[
                        ("title", &for_message(title)),
                        ("blocks", &count(*blocks, t.check_block_one, t.check_blocks)),
                        ("first", &time(first)),
                        ("last", &time(last)),
                        (
                            "breakouts",
                            &count(*breakouts, t.check_breakout_one, t.check_breakouts),
                        ),
                    ],
                );
                let warnings = warnings
                    .iter()
                    .map(|w| self.problem_line(file, w))
                    .collect();
                (summary, warnings)
            }
            Verdict::Clock {
                session,
                block,
                written,
            } => {
                let block = block.as_deref().map_or("–".into(), for_message);
                let summary = fill(
                    t.check_clock,
                    &[
                        ("session", &for_message(session)),
                        ("block", &block),
                        ("written", &for_message(written)),
                    ],
                );
                (summary, Vec::new())
            }
            Verdict::Room {
                room,
                hosts,
                session,
                round,
                notes,
                deleted,
                drafts,
            } => {
                let round = match round {
                    Some(b) => fill(t.check_room_round, &[("round", &for_message(b))]),
                    None => String::new(),
                };
                let drafts = match drafts {
                    0 => String::new(),
                    n => format!(", {}", self.count_drafts(*n)),
                };
                let summary = fill(
                    t.check_room,
                    &[
                        ("room", &for_message(room)),
                        ("hosts", &for_message(&hosts.join(", "))),
                        ("session", &for_message(session)),
                        ("round", &round),
                        ("notes", &self.count_notes(*notes)),
                        ("deleted", &deleted.to_string()),
                        ("drafts", &drafts),
                    ],
                );
                (summary, Vec::new())
            }
            Verdict::Harvest {
                session,
                rooms,
                notes,
            } => (
                fill(
                    t.check_harvest,
                    &[
                        ("session", &for_message(session)),
                        ("rooms", &self.count_rooms(*rooms)),
                        ("notes", &self.count_notes(*notes)),
                    ],
                ),
                Vec::new(),
            ),
            Verdict::LeadState { session, day } => {
                let summary = fill(
                    t.check_lead_state,
                    &[
                        ("session", &for_message(session)),
                        ("day", &day.to_string()),
                    ],
                );
                (summary, Vec::new())
            }
        }
    }

    /// A file the merge left out, and why: `FILE: why` (a file that
    /// could not be used: its problems, one per line, each with the file).
    pub fn skip(self, file: &str, why: &Skip) -> String {
        let t = self.t();
        let file = crate::text::for_message(file);
        let why = match why {
            Skip::NotPlain(what) => self.special(*what).to_string(),
            Skip::OtherFormat(format) => fill(t.merge_other_format, &[("format", format)]),
            Skip::NotOogst => t.merge_not_oogst.to_string(),
            Skip::OtherSession(session) => fill(t.merge_other_session, &[("session", session)]),
            Skip::Unreadable(e) => self.unreadable(&e.why),
            Skip::Invalid(e) => return self.file_error(e),
        };
        format!("{file}: {why}")
    }

    /// Why a merge could not be made, one line per problem; when a file
    /// was at fault, the last line says that `--keep-going` merges the rest.
    pub fn merge_error(self, e: &MergeError) -> Vec<String> {
        let t = self.t();
        let mut lines: Vec<String> = Vec::new();
        let mut files = false;
        for p in &e.0 {
            match p {
                MergeProblem::Unreadable(e) => {
                    files = true;
                    lines.push(self.read_error(e));
                }
                MergeProblem::Invalid(e) => {
                    files = true;
                    lines.push(self.file_error(e));
                }
                MergeProblem::MixedSessions(list) => lines.push(fill(
                    t.merge_mixed_sessions,
                    &[("sessions", &list.join(", "))],
                )),
            }
        }
        if files {
            lines.push(t.merge_keep_going_hint.to_string());
        }
        lines
    }

    /// Why a room file on the dashboard counts with its last copy, or not
    /// at all, starting with the file.
    pub fn file_problem(self, p: &crate::rooms::FileProblem) -> String {
        use crate::rooms::FileProblem;
        match p {
            FileProblem::Missing(file) => fill(self.t().dash_missing, &[("file", file)]),
            FileProblem::Unreadable(e) => self.read_error(e),
            FileProblem::Invalid(e) => self.file_error(e),
        }
    }

    /// Where another lead runs, as a person knows it: its machine's
    /// name, else its writer id; made safe for a message or a screen.
    pub fn lead_name(self, lead: &crate::clock::ClockLead) -> String {
        use crate::text::{for_message, truncate};
        match lead.machine.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => truncate(&for_message(name), 40).into_owned(),
            _ => fill(
                self.t().lead_unnamed,
                &[("writer", &truncate(&for_message(&lead.writer), 20))],
            ),
        }
    }

    /// Why a lead does not start; `dir`: the session folder.
    pub fn lead_refused(self, why: &crate::clock::lead::Refused, dir: &str) -> String {
        use crate::clock::lead::Refused;
        let t = self.t();
        match why {
            Refused::HereAlready => fill(t.lead_here_already, &[("dir", dir)]),
            Refused::OtherLead { by, age } => {
                let secs = age.as_secs().max(0).to_string();
                fill(
                    t.lead_elsewhere,
                    &[("machine", &self.lead_name(by)), ("secs", &secs)],
                )
            }
        }
    }

    /// What opening a room found, for the host.
    pub fn notice(self, n: &Notice) -> String {
        let t = self.t();
        match n {
            Notice::Continued { file, notes } => fill(
                t.host_continued,
                &[("file", file), ("notes", &self.count_notes(*notes))],
            ),
            Notice::LeftAlone { file, why } => {
                let why = match why {
                    LeftAlone::NotPlain(what) => self.special(*what).to_string(),
                    LeftAlone::Whose {
                        session,
                        block,
                        room,
                    } => format!(
                        "{} / {} / {}",
                        crate::text::for_message(session),
                        crate::text::for_message(block.as_deref().unwrap_or("–")),
                        crate::text::for_message(room)
                    ),
                    LeftAlone::Newer(e) => self.file_error(e),
                };
                fill(t.host_left_alone, &[("file", file), ("why", &why)])
            }
            Notice::MovedAside {
                file,
                problem,
                aside,
            } => fill(
                t.host_moved_aside,
                &[
                    ("file", file),
                    ("why", &self.file_error(problem)),
                    ("aside", aside),
                ],
            ),
            Notice::TookIn { file, notes } => fill(
                t.host_took_in,
                &[("file", file), ("notes", &self.count_notes(*notes))],
            ),
        }
    }

    /// Why a room could not be opened.
    pub fn open_error(self, e: &OpenError) -> String {
        let t = self.t();
        match e {
            OpenError::NotOwnFolder(dir) => fill(t.host_not_own_folder, &[("dir", dir)]),
            OpenError::Io { file, error } => {
                format!("{file}: {}", self.io_error(error))
            }
            OpenError::AlreadyOpen { room, file } => fill(
                t.host_already_open,
                &[("room", &crate::text::for_message(room)), ("file", file)],
            ),
            OpenError::Read(e) => self.read_error(e),
        }
    }

    /// Every problem of a file, one per line, each starting with the file
    /// and its place: `programme.json:4:8: block 2 "Opening": …`.
    pub fn file_error(self, e: &FileError) -> String {
        e.problems
            .iter()
            .map(|p| self.problem_line(&e.file, p))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn problem_line(self, file: &str, p: &Problem) -> String {
        let mut s = crate::text::for_message(file).into_owned();
        if let Some((line, col)) = p.line_col {
            s.push_str(&format!(":{line}:{col}"));
        }
        s.push_str(": ");
        if let Some((n, title)) = &p.block {
            let title = crate::text::for_message(title);
            s.push_str(&fill(
                self.t().problem_block,
                &[("n", &n.to_string()), ("title", &title)],
            ));
        }
        s.push_str(&self.problem(&p.kind));
        s
    }

    pub fn problem(self, kind: &ProblemKind) -> String {
        use ProblemKind as P;
        let t = self.t();
        let q = |s: &str| format!("\"{}\"", crate::text::for_message(s));
        match kind {
            P::Empty => t.problem_empty.to_string(),
            P::Malformed {
                truncated: true, ..
            } => t.problem_truncated.to_string(),
            P::Malformed { detail, .. } => fill(
                t.problem_malformed,
                &[("detail", &self.parser_words(detail))],
            ),
            P::Shape { path, detail } => format!(
                "{}: {}",
                crate::text::for_message(path),
                self.parser_words(&crate::text::for_message(detail))
            ),
            P::BadStamp { path, found } => fill(
                t.problem_bad_stamp,
                &[
                    ("path", &crate::text::for_message(path)),
                    ("found", &q(found)),
                ],
            ),
            P::OutOfRange {
                path,
                found,
                allowed,
            } => fill(
                t.problem_out_of_range,
                &[
                    ("path", &crate::text::for_message(path)),
                    ("found", &crate::text::for_message(found)),
                    ("allowed", allowed),
                ],
            ),
            P::Missing { field, version } => fill(
                t.problem_missing,
                &[("field", field), ("version", &version.to_string())],
            ),
            P::BadBlockId { id } => fill(t.problem_bad_block_id, &[("id", &q(id))]),
            P::DuplicateBlockId { id } => fill(t.problem_duplicate_block_id, &[("id", &q(id))]),
            P::UnknownField {
                field,
                nearest: Some(n),
            } => fill(
                t.problem_unknown_field_nearest,
                &[("field", &q(field)), ("nearest", n)],
            ),
            P::UnknownField {
                field,
                nearest: None,
            } => fill(t.problem_unknown_field, &[("field", &q(field))]),
            P::WrongFormat {
                found: Some(f),
                expected,
            } => fill(
                t.problem_wrong_format,
                &[("found", &q(f)), ("expected", expected)],
            ),
            P::WrongFormat {
                found: None,
                expected,
            } => fill(t.problem_no_format, &[("expected", expected)]),
            P::NoSuchQuestion {
                note,
                question,
                questions,
            } if note == "draft" => fill(
                t.problem_draft_question,
                &[
                    ("question", &question.to_string()),
                    ("questions", &questions.to_string()),
                ],
            ),
            P::NoSuchQuestion {
                note,
                question,
                questions,
            } => fill(
                t.problem_no_such_question,
                &[
                    ("note", &q(note)),
                    ("question", &question.to_string()),
                    ("questions", &questions.to_string()),
                ],
            ),
            P::UnknownFormat { found, known } => fill(
                t.problem_unknown_format,
                &[("found", &q(found)), ("known", &known.join(", "))],
            ),
            P::NewerVersion {
                what,
                found,
                supported,
            } => fill(
                if *supported > 1 {
                    t.problem_newer_version_more
                } else {
                    t.problem_newer_version_one
                },
                &[
                    ("what", &self.file_kind(what)),
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            P::BadVersion => t.problem_bad_version.to_string(),
            P::BadId { id } => fill(t.problem_bad_id, &[("id", &q(id))]),
            P::EmptyTitle => t.problem_empty_title.to_string(),
            P::BadDate { found } => fill(t.problem_bad_date, &[("found", &q(found))]),
            P::NoBlocks => t.problem_no_blocks.to_string(),
            P::UnknownKind { found } => fill(
                t.problem_unknown_kind,
                &[
                    ("found", &q(found)),
                    ("dutch", &BlockKind::dutch_names()),
                    ("english", &BlockKind::valid_names()),
                ],
            ),
            P::BadTime { field, found } => fill(
                t.problem_bad_time,
                &[("field", field), ("found", &q(found))],
            ),
            P::FirstNeedsStart => t.problem_first_needs_start.to_string(),
            P::NoLength => t.problem_no_length.to_string(),
            P::ZeroMinutes => t.problem_zero_minutes.to_string(),
            P::TooLong { minutes } => {
                fill(t.problem_too_long, &[("minutes", &minutes.to_string())])
            }
            P::LengthMismatch {
                minutes,
                start,
                end,
            } => fill(
                t.problem_length_mismatch,
                &[
                    ("minutes", &minutes.to_string()),
                    ("start", &start.to_string()),
                    ("end", &end.to_string()),
                ],
            ),
            P::EndNotAfterStart { start, end } => fill(
                t.problem_end_not_after_start,
                &[("start", &start.to_string()), ("end", &end.to_string())],
            ),
            P::PastMidnight { start, minutes } => fill(
                t.problem_past_midnight,
                &[
                    ("start", &start.to_string()),
                    ("minutes", &minutes.to_string()),
                ],
            ),
            P::Overlap {
                start,
                previous_end,
            } => fill(
                t.problem_overlap,
                &[
                    ("start", &start.to_string()),
                    ("previous_end", &previous_end.to_string()),
                ],
            ),
            P::NoQuestions => t.problem_no_questions.to_string(),
            P::NoRooms => t.problem_no_rooms.to_string(),
            P::EmptyQuestion { number } => {
                fill(t.problem_empty_question, &[("number", &number.to_string())])
            }
            P::EmptyRoom { number } => {
                fill(t.problem_empty_room, &[("number", &number.to_string())])
            }
            P::DuplicateRoom { name } => fill(t.problem_duplicate_room, &[("name", &q(name))]),
        }
    }
}

impl Lang {
    /// The JSON parser's own words (serde_json's, in English and in Rust's
    /// terms) said plainly, in this language.
    pub fn parser_words(self, detail: &str) -> String {
        let t = self.t();
        let thing = |s: &str| -> String {
            let s = s.trim();
            let (word, rest) = s.split_once(' ').unwrap_or((s, ""));
            let rest = rest.trim_matches('`');
            match word {
                "string" => fill(t.parser_text, &[("text", rest)]),
                "integer" | "floating" => fill(
                    t.parser_the_number,
                    &[("number", rest.trim_start_matches("point `"))],
                ),
                "boolean" => rest.to_string(),
                "null" => "null".to_string(),
                "map" => t.parser_object.to_string(),
                "sequence" => t.parser_list.to_string(),
                _ => s.to_string(),
            }
        };
        let expected = |s: &str| -> String {
            let s = s.trim();
            match s {
                "u8" | "u16" | "u32" | "u64" | "usize" => t.parser_unsigned.into(),
                "i8" | "i16" | "i32" | "i64" | "isize" => t.parser_integer.into(),
                "a string" => t.parser_string.into(),
                "a boolean" => t.parser_boolean.into(),
                "a sequence" => t.parser_list.into(),
                s if s.starts_with("struct ") || s == "a map" => t.parser_object.into(),
                s => s.to_string(),
            }
        };
        if let Some(rest) = detail
            .strip_prefix("invalid type: ")
            .or_else(|| detail.strip_prefix("invalid value: "))
            && let Some((found, want)) = rest.rsplit_once(", expected ")
        {
            return fill(
                t.parser_expected,
                &[("expected", &expected(want)), ("found", &thing(found))],
            );
        }
        if let Some(field) = detail.strip_prefix("missing field ") {
            let field = field.trim_matches('`');
            return fill(t.parser_missing_field, &[("field", field)]);
        }
        if let Some(n) = detail.strip_prefix("invalid length ") {
            let n = n.split(',').next().unwrap_or(n);
            return fill(t.parser_wrong_length, &[("n", n)]);
        }
        let plain: &[(&str, &str)] = &[
            ("expected value", t.parser_expected_value),
            ("expected `,` or `}`", t.parser_comma_or_brace),
            ("expected `,` or `]`", t.parser_comma_or_bracket),
            ("expected `:`", t.parser_colon),
            ("key must be a string", t.parser_key_string),
            ("trailing comma", t.parser_trailing_comma),
            ("trailing characters", t.parser_trailing_characters),
            (
                "control character (\\u0000-\\u001F) found while parsing a string",
                t.parser_control_character,
            ),
            ("invalid escape", t.parser_invalid_escape),
            ("invalid unicode code point", t.parser_invalid_unicode),
            ("number out of range", t.parser_number_out_of_range),
            ("invalid number", t.parser_invalid_number),
            ("expected ident", t.parser_expected_ident),
        ];
        for (serde, said) in plain {
            if detail == *serde {
                return said.to_string();
            }
        }
        detail.to_string()
    }

    /// A kind of file by name (`"programme"`, as `ProblemKind::NewerVersion`
    /// has it), in words: `programmabestand`, `programme file`.
    fn file_kind(self, what: &str) -> String {
        let t = self.t();
        match what {
            "programme" => t.file_kind_programme.to_string(),
            "clock" => t.file_kind_clock.to_string(),
            "room" => t.file_kind_room.to_string(),
            "harvest" => t.file_kind_harvest.to_string(),
            "lead state" => t.file_kind_lead_state.to_string(),
            other => fill(t.file_kind_other, &[("what", other)]),
        }
    }
}

/// The programme editor's words (`oogst edit`, the lead's programme view).
impl Lang {
    /// Why an edit was not done.
    pub fn refused(self, why: crate::programme_edit::Refused) -> &'static str {
        use crate::programme_edit::Refused as R;
        let t = self.t();
        match why {
            R::RanAlready => t.edit_refused_ran,
            R::FixedForSession => t.edit_refused_session,
            R::NoSuchBlock | R::NoSuchItem => t.edit_refused_item,
            R::AtTheEdge => t.edit_refused_edge,
            R::Minimum => t.edit_refused_minimum,
            R::NotANumber => t.edit_refused_length,
        }
    }

    /// "3 problems" / "1 problem".
    pub fn count_problems(self, n: usize) -> String {
        let t = self.t();
        if n == 1 {
            t.edit_problem_words_one.to_string()
        } else {
            fill(t.edit_problems_words, &[("n", &n.to_string())])
        }
    }

    /// A problem of a draft as the form says it, beside the field it is
    /// at (no JSON field names: the form has none); `length` is the
    /// length as typed, for a length that is no number.
    pub fn form_problem(self, kind: &ProblemKind, length: Option<&str>) -> String {
        use ProblemKind as P;
        let t = self.t();
        let q = |s: &str| crate::text::for_message(s).into_owned();
        match kind {
            P::NoBlocks => t.form_no_blocks.to_string(),
            P::BadTime { found, .. } => fill(t.form_bad_time, &[("found", &q(found))]),
            P::FirstNeedsStart => t.form_first_needs_start.to_string(),
            P::NoLength => t.form_no_length.to_string(),
            P::ZeroMinutes => t.form_zero_minutes.to_string(),
            P::TooLong { minutes } => fill(t.form_too_long, &[("minutes", &minutes.to_string())]),
            P::Shape { .. } if length.is_some() => fill(
                t.form_not_minutes,
                &[("found", &q(length.unwrap_or_default()))],
            ),
            P::Shape { detail, .. } => self.parser_words(&crate::text::for_message(detail)),
            P::NoQuestions => t.form_no_questions.to_string(),
            P::NoRooms => t.form_no_rooms.to_string(),
            P::BadId { id } => fill(t.form_bad_id, &[("id", &q(id))]),
            P::BadBlockId { id } => fill(t.form_bad_block_id, &[("id", &q(id))]),
            P::BadDate { found } => fill(t.form_bad_date, &[("found", &q(found))]),
            other => self.problem(other),
        }
    }

    /// What a template is for, in a line.
    pub fn template_about(self, name: &str) -> &'static str {
        let t = self.t();
        match name {
            "cop-online" => t.template_cop_online,
            "kennisgemeenschap" => t.template_kennisgemeenschap,
            "leren-en-doen" => t.template_leren_en_doen,
            "vakgemeenschap" => t.template_vakgemeenschap,
            "workshop" => t.template_workshop,
            _ => t.template_demo,
        }
    }

    /// What changed in a programme, in a line: at most `max` changes, then
    /// how many more. `None`: nothing the lead would notice changed.
    pub fn programme_changes(
        self,
        changes: &[crate::programme_edit::follow::Change],
        meeting_changed: bool,
        max: usize,
    ) -> Option<String> {
        use crate::programme_edit::follow::{Aspect, Change};
        let t = self.t();
        let title = |s: &str| crate::text::for_message(s).into_owned();
        let mut parts: Vec<String> = changes
            .iter()
            .map(|c| match c {
                Change::Added { title: s } => fill(t.prog_change_added, &[("title", &title(s))]),
                Change::Removed { title: s } => {
                    fill(t.prog_change_removed, &[("title", &title(s))])
                }
                Change::Changed { title: s, what } => {
                    let what: Vec<&str> = what
                        .iter()
                        .map(|a| match a {
                            Aspect::Title => t.aspect_title,
                            Aspect::Kind => t.aspect_kind,
                            Aspect::Time => t.aspect_time,
                            Aspect::Questions => t.aspect_questions,
                            Aspect::Rooms => t.aspect_rooms,
                            Aspect::Place => t.aspect_place,
                        })
                        .collect();
                    fill(
                        t.prog_change_changed,
                        &[("title", &title(s)), ("what", &what.join(", "))],
                    )
                }
            })
            .collect();
        if meeting_changed {
            parts.push(t.prog_change_meeting.to_string());
        }
        if parts.is_empty() {
            return None;
        }
        let more = parts.len().saturating_sub(max.max(1));
        parts.truncate(max.max(1));
        if more > 0 {
            parts.push(fill(t.prog_change_more, &[("n", &more.to_string())]));
        }
        Some(parts.join("; "))
    }
}

/// `n` and its word, the one for one or the one for more: `1 note`,
/// `3 notes`. Every count in words goes through here, each with its two
/// catalogue entries (`…_one` and the plural).
pub fn count(n: usize, one: &str, more: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { more })
}

/// The interface's words. Placeholders in `{braces}` are filled by [`fill`].
/// (Serialize only to compare the languages in a test.)
#[derive(serde::Serialize)]
pub struct Catalog {
    pub kind_walk_in: &'static str,
    pub kind_plenary: &'static str,
    pub kind_case: &'static str,
    pub kind_questions: &'static str,
    pub kind_breakout: &'static str,
    pub kind_break: &'static str,
    pub kind_closing: &'static str,

    // Re-plan as a proposal (`r`), undo and redo for the lead (`u`, `U`),
    // the lateness line while a block runs over.
    pub late_block_over: &'static str,
    pub late_block_over_now: &'static str,
    pub late_still_on_time: &'static str,
    pub replan_title: &'static str,
    pub replan_runs_late: &'static str,
    pub replan_runs_early: &'static str,
    pub replan_ends_on_time: &'static str,
    pub replan_col_block: &'static str,
    pub replan_col_now: &'static str,
    pub replan_col_proposed: &'static str,
    pub replan_col_times: &'static str,
    pub replan_protected: &'static str,
    pub replan_by_hand: &'static str,
    pub replan_at_floor: &'static str,
    pub replan_gets_back: &'static str,
    pub replan_keeps_start: &'static str,
    pub replan_start_moves: &'static str,
    pub replan_new_end_on_time: &'static str,
    pub replan_new_end_early: &'static str,
    pub replan_new_end_late: &'static str,
    pub replan_floors_over: &'static str,
    pub replan_nothing_changes: &'static str,
    pub key_replan_choose: &'static str,
    pub key_replan_minutes: &'static str,
    pub key_replan_longer: &'static str,
    pub key_replan_shorter: &'static str,
    pub key_replan_protect: &'static str,
    pub key_replan_protect_short: &'static str,
    pub key_replan_reset: &'static str,
    pub key_replan_reset_short: &'static str,
    pub key_replan_apply: &'static str,
    pub key_replan_cancel: &'static str,
    pub replan_applied: &'static str,
    pub replan_applied_one: &'static str,
    pub replan_unchanged: &'static str,
    pub ignored_plan_outdated: &'static str,
    pub key_lead_undo: &'static str,
    pub key_lead_undo_short: &'static str,
    pub key_lead_redo: &'static str,
    pub lead_undone: &'static str,
    pub lead_redone: &'static str,
    pub lead_nothing_to_undo: &'static str,
    pub lead_nothing_to_redo: &'static str,
    pub lead_undo_broken: &'static str,
    pub lead_undo_programme_broken: &'static str,
    pub lead_undo_hint: &'static str,
    pub step_start: &'static str,
    pub step_pause: &'static str,
    pub step_resume: &'static str,
    pub step_next: &'static str,
    pub step_previous: &'static str,
    pub step_extend: &'static str,
    pub step_shorten: &'static str,
    pub step_replan: &'static str,
    pub step_programme: &'static str,
    pub step_other: &'static str,

    // The live harvest (the lead's `h`, `oogst watch`).
    pub key_harvest: &'static str,
    pub key_harvest_question: &'static str,
    pub key_harvest_question_short: &'static str,
    pub key_harvest_number: &'static str,
    pub key_harvest_scroll: &'static str,
    pub key_harvest_page: &'static str,
    pub key_harvest_ends: &'static str,
    pub key_harvest_stars: &'static str,
    pub key_harvest_stars_short: &'static str,
    pub key_harvest_round: &'static str,
    pub key_harvest_round_short: &'static str,
    pub harvest_title: &'static str,
    pub harvest_question_of: &'static str,
    pub harvest_stars_only: &'static str,
    pub harvest_no_notes: &'static str,
    pub harvest_no_stars: &'static str,
    pub harvest_no_questions: &'static str,
    pub harvest_summary: &'static str,
    pub harvest_more_below: &'static str,
    pub harvest_lines: &'static str,
    pub harvest_line_one: &'static str,
    pub harvest_trouble: &'static str,
    pub harvest_not_room: &'static str,
    pub harvest_last_good: &'static str,
    pub harvest_trouble_more: &'static str,
    pub harvest_no_round: &'static str,
    pub watch_badge: &'static str,
    pub watch_waiting: &'static str,
    pub watch_not_session: &'static str,
    pub watch_programme_problem: &'static str,
    pub cli_watch: &'static str,
    pub cli_watch_dir: &'static str,
    pub watch_crashed: &'static str,

    // The programme editor (`oogst edit`, the lead's `a`), a programme
    // changed on disk while the lead runs.
    pub edit_field_programme_title: &'static str,
    pub edit_field_date: &'static str,
    pub edit_field_programme_id: &'static str,
    pub edit_field_title: &'static str,
    pub edit_field_kind: &'static str,
    pub edit_field_start: &'static str,
    pub edit_field_length: &'static str,
    pub edit_field_id: &'static str,
    pub edit_field_rooms: &'static str,
    pub edit_field_questions: &'static str,
    pub edit_field_question: &'static str,
    pub edit_field_room: &'static str,
    pub edit_add_question: &'static str,
    pub edit_add_room: &'static str,
    pub edit_add_block: &'static str,
    pub edit_start_follows: &'static str,
    pub edit_start_fixed: &'static str,
    pub edit_minutes: &'static str,
    pub edit_until: &'static str,
    pub edit_no_date: &'static str,
    pub edit_id_new: &'static str,
    pub edit_id_new_later: &'static str,
    pub edit_skipped: &'static str,
    pub edit_ran: &'static str,
    pub edit_running: &'static str,
    pub edit_hint_title: &'static str,
    pub edit_hint_start: &'static str,
    pub edit_hint_length: &'static str,
    pub edit_hint_question: &'static str,
    pub edit_hint_room: &'static str,
    pub edit_hint_id: &'static str,
    pub edit_hint_date: &'static str,
    pub edit_valid: &'static str,
    pub edit_problem_one: &'static str,
    pub edit_problems: &'static str,
    pub edit_problems_words: &'static str,
    pub edit_problem_words_one: &'static str,
    pub edit_new_block: &'static str,
    pub edit_new_break: &'static str,
    pub edit_refused_ran: &'static str,
    pub edit_refused_session: &'static str,
    pub edit_refused_edge: &'static str,
    pub edit_refused_minimum: &'static str,
    pub edit_refused_item: &'static str,
    pub edit_refused_length: &'static str,
    pub edit_removed: &'static str,
    pub edit_item_removed: &'static str,
    pub edit_skipped_toast: &'static str,
    pub edit_unskipped: &'static str,
    pub edit_undone: &'static str,
    pub edit_redone: &'static str,
    pub edit_nothing_to_undo: &'static str,
    pub edit_nothing_to_redo: &'static str,
    pub edit_applied: &'static str,
    pub edit_not_applied: &'static str,
    pub edit_pending: &'static str,
    pub edit_live: &'static str,
    pub edit_screen_title: &'static str,
    pub edit_saved: &'static str,
    pub edit_unsaved: &'static str,
    pub edit_saved_toast: &'static str,
    pub edit_cannot_save: &'static str,
    pub edit_draft_saved: &'static str,
    pub edit_draft_kept: &'static str,
    pub edit_draft_resumed: &'static str,
    pub edit_ask_title: &'static str,
    pub edit_ask_save: &'static str,
    pub edit_ask_save_keys: &'static str,
    pub edit_ask_draft: &'static str,
    pub edit_ask_draft_keys: &'static str,
    pub edit_crashed: &'static str,
    pub edit_open_hint: &'static str,
    pub edit_pick_title: &'static str,
    pub edit_pick_intro: &'static str,
    pub template_cop_online: &'static str,
    pub template_kennisgemeenschap: &'static str,
    pub template_leren_en_doen: &'static str,
    pub template_vakgemeenschap: &'static str,
    pub template_workshop: &'static str,
    pub template_demo: &'static str,
    pub key_edit_browse: &'static str,
    pub key_edit_field: &'static str,
    pub key_edit_kind: &'static str,
    pub key_edit_minutes: &'static str,
    pub key_edit_minutes_short: &'static str,
    pub key_edit_insert: &'static str,
    pub key_edit_insert_short: &'static str,
    pub key_edit_break: &'static str,
    pub key_edit_remove: &'static str,
    pub key_edit_skip: &'static str,
    pub key_edit_skip_short: &'static str,
    pub key_edit_move: &'static str,
    pub key_edit_undo: &'static str,
    pub key_edit_redo: &'static str,
    pub key_edit_save: &'static str,
    pub key_edit_keep: &'static str,
    pub key_edit_next_field: &'static str,
    pub key_edit_back: &'static str,
    pub key_edit_back_short: &'static str,
    pub key_programme: &'static str,
    pub key_programme_short: &'static str,
    pub key_pick_template: &'static str,
    pub prog_changed_on_disk: &'static str,
    pub prog_change_added: &'static str,
    pub prog_change_removed: &'static str,
    pub prog_change_changed: &'static str,
    pub prog_change_more: &'static str,
    pub prog_change_meeting: &'static str,
    pub aspect_title: &'static str,
    pub aspect_kind: &'static str,
    pub aspect_time: &'static str,
    pub aspect_questions: &'static str,
    pub aspect_rooms: &'static str,
    pub aspect_place: &'static str,
    pub prog_invalid_on_disk: &'static str,
    pub prog_other_session_on_disk: &'static str,
    pub resumed_by_ids: &'static str,
    pub cli_edit: &'static str,
    pub cli_edit_file: &'static str,
    pub cli_usage_edit: &'static str,
    pub kept_session_programme: &'static str,
    pub key_edit_page: &'static str,
    pub key_edit_while_typing: &'static str,
    pub form_no_blocks: &'static str,
    pub form_bad_time: &'static str,
    pub form_first_needs_start: &'static str,
    pub form_no_length: &'static str,
    pub form_zero_minutes: &'static str,
    pub form_too_long: &'static str,
    pub form_not_minutes: &'static str,
    pub form_no_questions: &'static str,
    pub form_no_rooms: &'static str,
    pub form_bad_id: &'static str,
    pub form_bad_block_id: &'static str,
    pub form_bad_date: &'static str,

    pub programme: &'static str,
    pub now: &'static str,
    pub next: &'static str,
    pub planned: &'static str,
    pub actual: &'static str,
    pub expected: &'static str,
    pub running: &'static str,
    pub paused: &'static str,
    pub waiting: &'static str,
    pub nearly_over: &'static str,
    pub over_time: &'static str,
    pub skipped: &'static str,
    pub done: &'static str,
    pub programme_over: &'static str,
    pub programme_over_hint: &'static str,
    pub press_space_to_start: &'static str,
    pub ends_at: &'static str,
    pub extended_by: &'static str,
    pub shortened_by: &'static str,
    pub on_time: &'static str,
    pub runs_late: &'static str,
    pub runs_early: &'static str,
    pub ended_late: &'static str,
    pub ended_early: &'static str,
    pub ended_on_time: &'static str,
    pub rehearsal: &'static str,
    pub message_to_rooms: &'static str,
    pub no_message: &'static str,
    pub message_prompt: &'static str,
    pub message_hint: &'static str,
    pub bell_on: &'static str,
    pub bell_off: &'static str,
    pub too_small: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub quit_question: &'static str,
    pub yes_no: &'static str,
    pub session_folder: &'static str,
    pub no_session_folder: &'static str,
    pub dashboard_title: &'static str,
    pub save_failed: &'static str,
    pub resumed: &'static str,
    pub fresh_state: &'static str,
    // One lead per session (`Lang::lead_refused`, the read-only view).
    pub lead_elsewhere: &'static str,
    pub lead_here_already: &'static str,
    pub lead_unnamed: &'static str,
    pub took_over: &'static str,
    pub read_only_banner: &'static str,
    pub read_only_how: &'static str,
    pub read_only_follows: &'static str,
    pub read_only_key: &'static str,
    pub cli_take_over: &'static str,

    // Outcomes of the lead's actions.
    pub started: &'static str,
    pub paused_toast: &'static str,
    pub resumed_toast: &'static str,
    pub moved: &'static str,
    pub ended: &'static str,
    pub moved_back: &'static str,
    pub extended: &'static str,
    pub shortened: &'static str,
    pub message_sent: &'static str,
    pub message_cleared: &'static str,
    pub replanned: &'static str,
    pub replan_undone: &'static str,
    pub replan_on_time: &'static str,
    pub replan_impossible: &'static str,
    pub ignored_over: &'static str,
    pub ignored_first: &'static str,
    pub ignored_minimum: &'static str,
    pub ignored_nothing_to_come: &'static str,

    // Keys: what each does, for the footer and the help.
    pub key_start_pause: &'static str,
    pub key_next: &'static str,
    pub key_previous: &'static str,
    pub key_replan: &'static str,
    pub key_message: &'static str,
    pub key_dashboard: &'static str,
    pub key_presenter: &'static str,
    pub key_back: &'static str,
    pub key_bell: &'static str,
    pub key_help: &'static str,
    pub key_quit: &'static str,
    pub key_save_quit: &'static str,
    pub key_send: &'static str,
    pub key_cancel: &'static str,
    pub key_lead_view: &'static str,
    pub doc_host_one: &'static str,
    pub dash_q: &'static str,
    pub dash_room: &'static str,
    pub dash_host: &'static str,
    pub dash_total: &'static str,
    pub dash_changed: &'static str,
    pub dash_none: &'static str,
    pub dash_start_hint: &'static str,
    pub dash_quiet: &'static str,
    pub dash_unreadable: &'static str,
    pub dash_just_now: &'static str,
    pub dash_ago: &'static str,
    pub dash_summary: &'static str,
    pub dash_heading: &'static str,
    pub dash_round_of: &'static str,
    pub dash_no_host: &'static str,
    pub dash_not_listed: &'static str,
    pub dash_other_rounds: &'static str,
    pub dash_other_session: &'static str,
    pub dash_file_one: &'static str,
    pub dash_files: &'static str,
    pub dash_missing: &'static str,
    pub dash_done: &'static str,
    pub dash_help: &'static str,
    pub dash_seen: &'static str,
    pub dash_not_seen: &'static str,
    pub lead_help_calls: &'static str,
    pub dash_help_calls: &'static str,
    pub dash_no_round: &'static str,
    pub dash_more: &'static str,
    pub dash_reading: &'static str,
    pub dash_question_extra: &'static str,
    pub host_question_short: &'static str,
    pub host_empty_note: &'static str,
    pub host_editing_placeholder: &'static str,
    pub key_keep: &'static str,
    pub host_more_above: &'static str,
    pub doc_room_one: &'static str,
    pub merge_not_oogst: &'static str,
    pub merge_other_format: &'static str,
    pub merge_mixed_sessions: &'static str,
    pub merge_other_session: &'static str,
    /// The summary's parts (one and more): files read, duplicates collapsed;
    /// and files skipped (one form).
    pub merge_file_read: &'static str,
    pub merge_files_read: &'static str,
    pub merge_duplicate: &'static str,
    pub merge_duplicates: &'static str,
    pub merge_skipped_count: &'static str,
    pub merge_skipped: &'static str,
    pub merge_wrote: &'static str,
    pub merge_keep_going_hint: &'static str,
    pub file_is_fifo: &'static str,
    pub file_is_socket: &'static str,
    pub file_is_device: &'static str,
    pub file_is_folder: &'static str,
    pub file_is_link: &'static str,
    pub file_is_special: &'static str,
    pub file_too_large: &'static str,
    pub file_not_utf8: &'static str,
    pub io_not_found: &'static str,
    pub io_permission_denied: &'static str,
    pub io_is_a_folder: &'static str,
    pub io_not_a_folder: &'static str,
    pub io_disk_full: &'static str,
    pub io_read_only: &'static str,
    pub io_quota: &'static str,
    pub io_exists: &'static str,
    pub io_timed_out: &'static str,
    pub io_busy: &'static str,
    pub io_not_empty: &'static str,
    pub io_cross_device: &'static str,
    pub io_network: &'static str,
    pub io_stale: &'static str,
    pub io_bad_name: &'static str,
    pub io_too_big: &'static str,
    pub io_no_memory: &'static str,
    pub io_unsupported: &'static str,
    pub io_eof: &'static str,
    pub run_no_terminal: &'static str,
    pub run_terminal: &'static str,
    pub run_signals: &'static str,
    pub run_start: &'static str,
    pub run_not_saved: &'static str,
    pub doc_harvest: &'static str,
    pub doc_question: &'static str,
    pub doc_room: &'static str,
    pub doc_rooms: &'static str,
    pub doc_notes: &'static str,
    pub doc_note: &'static str,
    pub doc_hosts: &'static str,
    pub doc_no_notes: &'static str,
    pub doc_contents: &'static str,
    pub doc_made_with: &'static str,
    pub doc_from_rooms: &'static str,
    pub doc_draft: &'static str,
    pub doc_draft_one: &'static str,
    pub doc_drafts: &'static str,
    pub doc_round_one: &'static str,
    pub doc_rounds: &'static str,
    pub doc_first_round: &'static str,
    pub doc_key_takeaway: &'static str,
    pub merge_deleted: &'static str,
    pub merge_session_file: &'static str,
    pub merge_session_files: &'static str,
    pub merge_drafts_left_out: &'static str,
    pub export_done: &'static str,
    pub export_failed: &'static str,
    pub export_left_out: &'static str,
    pub export_other_session: &'static str,
    pub export_skipped: &'static str,
    pub key_export: &'static str,
    pub cli_merge: &'static str,
    pub cli_paths: &'static str,
    pub cli_format: &'static str,
    pub cli_output: &'static str,
    pub cli_by: &'static str,
    pub cli_session: &'static str,
    pub cli_keep_going: &'static str,
    pub cli_no_drafts: &'static str,
    pub cli_host_dir: &'static str,
    pub host_crashed: &'static str,
    pub cli_host: &'static str,
    pub cli_room: &'static str,
    pub cli_name: &'static str,
    pub cli_host_programme: &'static str,
    pub host_placeholder: &'static str,
    pub host_new_message: &'static str,
    pub host_deleted: &'static str,
    pub host_edited: &'static str,
    pub host_nothing_to_undo: &'static str,
    pub host_undone: &'static str,
    pub host_questions: &'static str,
    pub host_question: &'static str,
    pub host_new_note: &'static str,
    pub host_editing: &'static str,
    pub host_no_notes: &'static str,
    pub host_saved: &'static str,
    pub host_no_clock: &'static str,
    pub host_clock_waiting: &'static str,
    pub host_clock_left: &'static str,
    pub host_clock_over: &'static str,
    pub host_clock_paused: &'static str,
    pub host_clock_stale: &'static str,
    pub host_message: &'static str,
    pub host_no_name: &'static str,
    pub host_moved_aside: &'static str,
    pub host_not_own_folder: &'static str,
    pub host_already_open: &'static str,
    pub host_left_alone: &'static str,
    pub host_took_in: &'static str,
    pub host_other_session: &'static str,
    pub host_no_breakout: &'static str,
    pub host_questions_changed: &'static str,
    pub host_round_gone: &'static str,
    pub host_round_moved: &'static str,
    pub host_round_pending: &'static str,
    pub host_programme_without_rounds: &'static str,
    pub key_browse: &'static str,
    pub host_pick_other_placeholder: &'static str,
    pub host_cannot_save: &'static str,
    pub host_cannot_save_ask: &'static str,
    pub host_cannot_save_title: &'static str,
    pub host_waiting_title: &'static str,
    pub host_waiting_body: &'static str,
    pub host_waiting_unreadable: &'static str,
    pub host_pick_title: &'static str,
    pub host_pick_new: &'static str,
    pub host_pick_elsewhere: &'static str,
    pub host_pick_other: &'static str,
    pub host_pick_other_label: &'static str,
    pub host_pick_confirm: &'static str,
    pub key_pick_room: &'static str,
    /// Home, End in the room picker.
    pub key_first_last: &'static str,
    /// 1 to 9 in the room picker.
    pub key_pick_number: &'static str,
    pub host_round_now: &'static str,
    pub host_round_open: &'static str,
    /// Enter in the list of rounds.
    pub key_go_round: &'static str,
    pub host_rounds_title: &'static str,
    pub key_round: &'static str,
    pub host_rescued: &'static str,

    pub host_questions_differ: &'static str,
    pub host_continued: &'static str,
    pub key_add: &'static str,
    pub key_newline: &'static str,
    pub key_question: &'static str,
    pub key_select: &'static str,
    pub key_edit: &'static str,
    pub key_delete: &'static str,
    pub key_undo: &'static str,
    pub key_deselect: &'static str,
    pub key_cancel_edit: &'static str,
    pub key_page: &'static str,
    // The host's side of the live meeting: stars, signals to the lead,
    // the flash at a message and at the breakout's time, undo and redo
    // that say what they did.
    pub key_star: &'static str,
    pub key_star_short: &'static str,
    pub key_redo: &'static str,
    pub key_undo_help: &'static str,
    pub key_done: &'static str,
    pub key_done_short: &'static str,
    pub key_not_done: &'static str,
    pub key_need_help: &'static str,
    pub key_need_help_short: &'static str,
    pub key_no_help: &'static str,
    pub key_host_bell: &'static str,
    pub key_host_bell_b: &'static str,
    pub host_round_of: &'static str,
    pub host_signal_done: &'static str,
    pub host_signal_help: &'static str,
    pub host_signalled_done: &'static str,
    pub host_signalled_help: &'static str,
    pub host_signal_withdrawn: &'static str,
    pub host_bell_on: &'static str,
    pub host_bell_off: &'static str,
    pub host_flash_message: &'static str,
    pub host_flash_two_minutes: &'static str,
    pub host_flash_time_up: &'static str,
    pub host_message_age: &'static str,
    pub host_message_just_now: &'static str,
    pub host_starred: &'static str,
    pub host_unstarred: &'static str,
    pub host_undo_removed: &'static str,
    pub host_undo_restored: &'static str,
    pub host_undo_reworded: &'static str,
    pub host_undo_starred: &'static str,
    pub host_undo_unstarred: &'static str,
    pub host_redo_removed: &'static str,
    pub host_redo_restored: &'static str,
    pub host_redo_reworded: &'static str,
    pub host_redo_starred: &'static str,
    pub host_redo_unstarred: &'static str,
    pub host_nothing_to_redo: &'static str,
    pub crashed: &'static str,
    pub quit_title: &'static str,
    pub rehearse_hint: &'static str,
    pub replanned_one: &'static str,
    pub cli_about: &'static str,
    pub cli_about_long: &'static str,
    pub cli_lead: &'static str,
    pub cli_check: &'static str,
    pub cli_init: &'static str,
    pub cli_lang: &'static str,
    pub cli_programme: &'static str,
    pub cli_dir: &'static str,
    pub cli_at: &'static str,
    pub cli_speed: &'static str,
    pub cli_fresh: &'static str,
    pub cli_files: &'static str,
    pub cli_file: &'static str,
    pub cli_force: &'static str,
    pub cli_template: &'static str,
    pub cli_value_template: &'static str,
    pub cli_help: &'static str,
    pub cli_version: &'static str,
    pub cli_usage: &'static str,
    pub cli_commands: &'static str,
    pub cli_options: &'static str,
    pub cli_arguments: &'static str,
    pub cli_error: &'static str,
    pub cli_tip: &'static str,
    pub cli_err_invalid_value: &'static str,
    pub cli_err_value_missing: &'static str,
    pub cli_err_unknown_arg: &'static str,
    pub cli_err_unknown_command: &'static str,
    pub cli_err_missing: &'static str,
    pub cli_err_conflict: &'static str,
    pub cli_err_twice: &'static str,
    pub cli_err_too_many: &'static str,
    pub cli_err_other: &'static str,
    pub cli_similar: &'static str,
    pub cli_possible_values: &'static str,
    pub cli_default: &'static str,
    pub cli_more_info: &'static str,
    pub cli_bad_at: &'static str,
    pub cli_bad_speed: &'static str,
    pub cli_help_command: &'static str,
    pub cli_help_which: &'static str,
    pub cli_usage_top: &'static str,
    pub cli_usage_lead: &'static str,
    pub cli_usage_host: &'static str,
    pub cli_usage_merge: &'static str,
    pub cli_usage_check: &'static str,
    pub cli_usage_init: &'static str,
    pub cli_usage_help: &'static str,
    pub cli_usage_watch: &'static str,
    pub cli_value_dir: &'static str,
    pub cli_value_file: &'static str,
    pub cli_value_time: &'static str,
    pub cli_value_room: &'static str,
    pub cli_value_name: &'static str,
    pub cli_value_path: &'static str,
    pub cli_value_format: &'static str,
    pub cli_value_order: &'static str,
    pub cli_value_lang: &'static str,
    pub cli_value_programme: &'static str,
    pub cli_value_command: &'static str,
    pub message_example: &'static str,
    pub next_hint: &'static str,
    pub deadline_was: &'static str,
    pub key_extend_shorten: &'static str,
    /// `+` in the help: the current block a minute longer.
    pub key_extend: &'static str,
    /// `-` in the help: a minute shorter.
    pub key_shorten: &'static str,
    /// `e` in the footer (the help says [`Catalog::key_export`]).
    pub key_export_short: &'static str,
    pub key_resume: &'static str,
    pub space: &'static str,

    // Numbers, dates and counts in words (`Lang::duration`, `Lang::date`).
    pub duration_minutes: &'static str,
    pub duration_hours: &'static str,
    pub date: &'static str,

    // What `check` says of a good file (`Lang::verdict`); counts as one and more.
    pub check_programme: &'static str,
    pub check_block_one: &'static str,
    pub check_blocks: &'static str,
    pub check_breakout_one: &'static str,
    pub check_breakouts: &'static str,
    pub check_clock: &'static str,
    pub check_room: &'static str,
    pub check_room_round: &'static str,
    pub check_harvest: &'static str,
    pub check_lead_state: &'static str,
    pub check_empty_folder: &'static str,
    pub check_invalid: &'static str,

    // The command line's own messages (`main`).
    pub cli_no_data_dir: &'static str,
    pub cli_need_name: &'static str,
    pub init_exists: &'static str,
    pub init_wrote: &'static str,
    pub lang_code: &'static str,

    // What is wrong with a file (`Lang::problem_line`, `Lang::problem`).
    pub problem_block: &'static str,
    pub problem_empty: &'static str,
    pub problem_truncated: &'static str,
    pub problem_malformed: &'static str,
    pub problem_bad_stamp: &'static str,
    pub problem_out_of_range: &'static str,
    pub problem_missing: &'static str,
    pub problem_bad_block_id: &'static str,
    pub problem_duplicate_block_id: &'static str,
    pub problem_unknown_field_nearest: &'static str,
    pub problem_unknown_field: &'static str,
    pub problem_wrong_format: &'static str,
    pub problem_no_format: &'static str,
    pub problem_draft_question: &'static str,
    pub problem_no_such_question: &'static str,
    pub problem_unknown_format: &'static str,
    pub problem_newer_version_one: &'static str,
    pub problem_newer_version_more: &'static str,
    pub file_kind_programme: &'static str,
    pub file_kind_clock: &'static str,
    pub file_kind_room: &'static str,
    pub file_kind_harvest: &'static str,
    pub file_kind_lead_state: &'static str,
    pub file_kind_other: &'static str,
    pub problem_bad_version: &'static str,
    pub problem_bad_id: &'static str,
    pub problem_empty_title: &'static str,
    pub problem_bad_date: &'static str,
    pub problem_no_blocks: &'static str,
    pub problem_unknown_kind: &'static str,
    pub problem_bad_time: &'static str,
    pub problem_first_needs_start: &'static str,
    pub problem_no_length: &'static str,
    pub problem_zero_minutes: &'static str,
    pub problem_too_long: &'static str,
    pub problem_length_mismatch: &'static str,
    pub problem_end_not_after_start: &'static str,
    pub problem_past_midnight: &'static str,
    pub problem_overlap: &'static str,
    pub problem_no_questions: &'static str,
    pub problem_no_rooms: &'static str,
    pub problem_empty_question: &'static str,
    pub problem_empty_room: &'static str,
    pub problem_duplicate_room: &'static str,

    // The JSON parser's words said plainly (`Lang::parser_words`).
    pub parser_expected: &'static str,
    pub parser_missing_field: &'static str,
    pub parser_wrong_length: &'static str,
    pub parser_text: &'static str,
    pub parser_the_number: &'static str,
    pub parser_object: &'static str,
    pub parser_list: &'static str,
    pub parser_unsigned: &'static str,
    pub parser_integer: &'static str,
    pub parser_string: &'static str,
    pub parser_boolean: &'static str,
    pub parser_expected_value: &'static str,
    pub parser_comma_or_brace: &'static str,
    pub parser_comma_or_bracket: &'static str,
    pub parser_colon: &'static str,
    pub parser_key_string: &'static str,
    pub parser_trailing_comma: &'static str,
    pub parser_trailing_characters: &'static str,
    pub parser_control_character: &'static str,
    pub parser_invalid_escape: &'static str,
    pub parser_invalid_unicode: &'static str,
    pub parser_number_out_of_range: &'static str,
    pub parser_invalid_number: &'static str,
    pub parser_expected_ident: &'static str,
    /// January to December.
    pub months: [&'static str; 12],
    /// The CSV harvest's columns (`--lang en`: the English names scripts
    /// have always read).
    pub csv_columns: [&'static str; 12],
}

/// The CSV harvest's columns in English: the names scripts have always
/// read (`export::csv::HEADER`).
pub const CSV_COLUMNS_EN: [&str; 12] = [
    "session",
    "room",
    "hosts",
    "question_number",
    "question",
    "note",
    "created",
    "updated",
    "round",
    "by",
    "star",
    "draft",
];

pub static NL: Catalog = Catalog {
    kind_walk_in: "inloop",
    kind_plenary: "plenair",
    kind_case: "casus",
    kind_questions: "vragen",
    kind_breakout: "deelsessie",
    kind_break: "pauze",
    kind_closing: "afsluiting",

    // Re-plan as a proposal, undo and redo for the lead.
    late_block_over: "blok {dur} over tijd",
    late_block_over_now: "blok over tijd",
    late_still_on_time: "programma ligt nog op schema",
    replan_title: "Rest van de dag herplannen",
    replan_runs_late: "Het programma loopt {dur} uit en zou om {time} eindigen.",
    replan_runs_early: "Het programma loopt {dur} voor en zou om {time} eindigen: ingekorte blokken krijgen tijd terug.",
    replan_ends_on_time: "Het programma ligt op schema en eindigt om {time}.",
    replan_col_block: "blok",
    replan_col_now: "nu",
    replan_col_proposed: "voorstel",
    replan_col_times: "nieuwe tijd",
    replan_protected: "beschermd",
    replan_by_hand: "zelf ingesteld",
    replan_at_floor: "op minimum",
    replan_gets_back: "krijgt tijd terug",
    replan_keeps_start: "start {time} zoals gepland",
    replan_start_moves: "start {time} i.p.v. {fixed}",
    replan_new_end_on_time: "Nieuw einde {time}: op schema",
    replan_new_end_early: "Nieuw einde {time}: {dur} eerder klaar",
    replan_new_end_late: "Nieuw einde {time}: nog {dur} te laat",
    replan_floors_over: "elk blok dat tijd mag inleveren staat op zijn minimum",
    replan_nothing_changes: "er hoeft niets te veranderen",
    key_replan_choose: "kiezen",
    key_replan_minutes: "minuten",
    key_replan_longer: "een minuut langer",
    key_replan_shorter: "een minuut korter",
    key_replan_protect: "beschermen aan/uit",
    key_replan_protect_short: "beschermen",
    key_replan_reset: "terug naar het voorstel",
    key_replan_reset_short: "terug naar voorstel",
    key_replan_apply: "toepassen",
    key_replan_cancel: "laten zoals het is",
    replan_applied: "Herpland: {blocks} blokken aangepast, het programma eindigt om {time} · terugzetten: u",
    replan_applied_one: "Herpland: {blocks} blok aangepast, het programma eindigt om {time} · terugzetten: u",
    replan_unchanged: "Niets veranderd",
    ignored_plan_outdated: "Het programma veranderde terwijl het voorstel openstond; druk nog eens op r",
    key_lead_undo: "laatste stap terugzetten (ook na opnieuw starten)",
    key_lead_undo_short: "terugzetten",
    key_lead_redo: "opnieuw doen wat is teruggezet",
    lead_undone: "Teruggezet: {what} (opnieuw: U) · nu: {title}",
    lead_redone: "Opnieuw gedaan: {what} (terugzetten: u) · nu: {title}",
    lead_nothing_to_undo: "Niets om terug te zetten",
    lead_nothing_to_redo: "Niets om opnieuw te doen",
    lead_undo_broken: "Deze stap kan niet terug: de bewaarde klokstand past er niet bij (eerdere stappen vervallen ook)",
    lead_undo_programme_broken: "Het eerdere programma kan niet terug: {error}",
    lead_undo_hint: "{text} · terugzetten: u",
    step_start: "start",
    step_pause: "pauze",
    step_resume: "verder na pauze",
    step_next: "volgende blok",
    step_previous: "vorige blok",
    step_extend: "+1 min",
    step_shorten: "−1 min",
    step_replan: "herplanning",
    step_programme: "programmawijziging",
    step_other: "een stap",

    // The live harvest (the lead's `h`, `oogst watch`).
    key_harvest: "live oogst",
    key_harvest_question: "vorige / volgende vraag",
    key_harvest_question_short: "vraag",
    key_harvest_number: "die vraag (1–9)",
    key_harvest_scroll: "scrollen",
    key_harvest_page: "een pagina omhoog / omlaag",
    key_harvest_ends: "naar boven / onder",
    key_harvest_stars: "alleen kernpunten / alle notities",
    key_harvest_stars_short: "kernpunten",
    key_harvest_round: "volgende / vorige ronde",
    key_harvest_round_short: "ronde",
    harvest_title: "Live oogst",
    harvest_question_of: "Vraag {n} van {of}",
    harvest_stars_only: "★ alleen kernpunten",
    harvest_no_notes: "nog geen notities bij deze vraag",
    harvest_no_stars: "nog geen kernpunten bij deze vraag",
    harvest_no_questions: "deze ronde heeft geen vragen",
    harvest_summary: "{notes} uit {rooms} bij deze vraag",
    harvest_more_below: "↓ nog {n} {lines}",
    harvest_lines: "regels",
    harvest_line_one: "regel",
    harvest_trouble: "⚠ {first}{more}",
    harvest_not_room: "{file}: nu geen kamerbestand (de laatste goede versie telt)",
    harvest_last_good: "{file} is nu onleesbaar; de laatste goede versie telt: {why}",
    harvest_trouble_more: " (en nog {n})",
    harvest_no_round: "Dit programma heeft geen deelsessie, dus niets te oogsten.",
    watch_badge: "alleen kijken",
    watch_waiting: "Wacht op het programma van de dagvoorzitter (programme.json) in {dir}…",
    watch_not_session: "{dir} is geen sessiemap (er staat geen programme.json in). Geef de sessiemap: oogst watch MAP",
    watch_programme_problem: "programme.json kan niet gelezen worden: {error}",
    cli_watch: "De klok van de dagvoorzitter en de live oogst van een sessiemap bekijken; schrijft niets",
    cli_watch_dir: "De sessiemap (standaard: de huidige map)",
    watch_crashed: "er ging iets mis in oogst zelf; oogst watch schrijft niets, dus er ging niets verloren. Meld dit graag, met het bericht hieronder.",
    edit_field_programme_title: "Titel",
    edit_field_date: "Datum",
    edit_field_programme_id: "Sessie-id",
    edit_field_title: "Titel",
    edit_field_kind: "Soort",
    edit_field_start: "Begin",
    edit_field_length: "Duur",
    edit_field_id: "Id",
    edit_field_rooms: "Kamers",
    edit_field_questions: "Vragen",
    edit_field_question: "Vraag {n}",
    edit_field_room: "Kamer {n}",
    edit_add_question: "+ vraag toevoegen",
    edit_add_room: "+ kamer toevoegen",
    edit_add_block: "+ blok toevoegen",
    edit_start_follows: "sluit aan op het vorige blok",
    edit_start_fixed: "{time} (vast)",
    edit_minutes: "{n} min",
    edit_until: "tot {time}",
    edit_no_date: "geen",
    edit_id_new: "nieuw: wordt {id}",
    edit_id_new_later: "nieuw: wordt gemaakt uit de titel",
    edit_skipped: "overgeslagen",
    edit_ran: "voorbij",
    edit_running: "loopt nu",
    edit_hint_title: "Bijvoorbeeld: Opening en kennismaking",
    edit_hint_start: "UU:MM, of leeg: sluit aan op het vorige blok",
    edit_hint_length: "minuten (45), of een eindtijd (12:00)",
    edit_hint_question: "Typ een leervraag",
    edit_hint_room: "Naam van de kamer, bijvoorbeeld Kamer 5",
    edit_hint_id: "letters, cijfers, - en _",
    edit_hint_date: "JJJJ-MM-DD, bijvoorbeeld 2026-03-12; leeg: geen datum",
    edit_valid: "✓ in orde",
    edit_problem_one: "⚠ 1 probleem",
    edit_problems: "⚠ {n} problemen",
    edit_problems_words: "{n} problemen",
    edit_problem_words_one: "1 probleem",
    edit_new_block: "Nieuw blok",
    edit_new_break: "Pauze",
    edit_refused_ran: "Wat al voorbij is of nu loopt, blijft zoals het is; het lopende blok maak je langer of korter met + en − op het klokscherm",
    edit_refused_session: "De sessie-id en de datum liggen vast zolang de bijeenkomst loopt",
    edit_refused_edge: "Verder kan het niet",
    edit_refused_minimum: "Een blok duurt minstens een minuut",
    edit_refused_item: "Daar valt niets te doen",
    edit_refused_length: "Vul eerst een duur in minuten of een eindtijd in",
    edit_removed: "‘{title}’ weggehaald · Ctrl-Z zet het terug",
    edit_item_removed: "‘{text}’ weggehaald · Ctrl-Z zet het terug",
    edit_skipped_toast: "‘{title}’ overgeslagen: het blijft in het bestand · s zet het terug",
    edit_unskipped: "‘{title}’ staat weer in het programma",
    edit_undone: "Teruggezet",
    edit_redone: "Opnieuw gedaan",
    edit_nothing_to_undo: "Niets om terug te zetten",
    edit_nothing_to_redo: "Niets om opnieuw te doen",
    edit_applied: "Programma bijgewerkt; de kamers zien het meteen",
    edit_not_applied: "Nog niet doorgevoerd: los eerst {problems} op (zie ⚠)",
    edit_pending: "nog niet doorgevoerd",
    edit_live: "doorgevoerd",
    edit_screen_title: "Programma",
    edit_saved: "opgeslagen",
    edit_unsaved: "niet opgeslagen",
    edit_saved_toast: "Opgeslagen: {file}",
    edit_cannot_save: "Niet opgeslagen: los eerst {problems} op (zie ⚠)",
    edit_draft_saved: "Concept opgeslagen: {draft}",
    edit_draft_kept: "Het concept staat in {draft}; oogst edit {file} gaat er verder mee",
    edit_draft_resumed: "Je gaat verder met het concept uit {draft}; Ctrl-S slaat het op als {file} zodra het in orde is",
    edit_ask_title: "Afsluiten",
    edit_ask_save: "De wijzigingen zijn nog niet opgeslagen. Opslaan in {file}?",
    edit_ask_save_keys: "j opslaan · n niet opslaan · Esc verder bewerken",
    edit_ask_draft: "Het programma heeft nog {problems} en kan zo niet als {file} worden opgeslagen. Het concept opslaan als {draft}?",
    edit_ask_draft_keys: "j concept opslaan · n weggooien · Esc verder bewerken",
    edit_crashed: "er ging iets mis in oogst zelf; wat je typte staat in het concept {draft}. Meld dit graag, met het bericht hieronder.",
    edit_open_hint: "oogst edit opent alleen een programma; herstel dit bestand in een teksteditor, of begin met een nieuwe naam",
    edit_pick_title: "Waarmee begin je?",
    edit_pick_intro: "{file} bestaat nog niet. Kies een sjabloon; daarna pas je alles aan.",
    template_cop_online: "Online CoP-ochtend: inloop, opening, casus, vragen, deelsessie met vijf leervragen",
    template_kennisgemeenschap: "Middag van de kennisgemeenschap: lezing, werksessie per coalitie met eigen vragen",
    template_leren_en_doen: "Avond van de CoP, leren en doen: aan tafel met twee vragen",
    template_vakgemeenschap: "Vakgemeenschap: de perspectieven klant, wijk, organisatie en stakeholders als kamers",
    template_workshop: "Korte workshop met Liberating Structures: 1-2-4-allen en 15%-oplossingen",
    template_demo: "Voorbeeld: CoP Gebiedsgericht werken van 21 januari 2021",
    key_edit_browse: "regel kiezen",
    key_edit_field: "bewerken",
    key_edit_kind: "andere soort",
    key_edit_minutes: "een minuut langer of korter",
    key_edit_minutes_short: "duur",
    key_edit_insert: "nieuw blok (of vraag, kamer) eronder",
    key_edit_insert_short: "nieuw",
    key_edit_break: "pauze eronder",
    key_edit_remove: "weghalen",
    key_edit_skip: "overslaan of terugzetten",
    key_edit_skip_short: "overslaan",
    key_edit_move: "omhoog of omlaag verplaatsen",
    key_edit_undo: "terugzetten",
    key_edit_redo: "opnieuw doen",
    key_edit_save: "opslaan",
    key_edit_keep: "klaar",
    key_edit_next_field: "klaar, naar het volgende veld",
    key_edit_back: "terug naar de klok",
    key_edit_back_short: "klok",
    key_programme: "programma bewerken",
    key_programme_short: "programma",
    key_pick_template: "kiezen",
    prog_changed_on_disk: "programme.json gewijzigd: {changes}",
    prog_change_added: "‘{title}’ toegevoegd",
    prog_change_removed: "‘{title}’ weggehaald",
    prog_change_changed: "‘{title}’: {what}",
    prog_change_more: "en nog {n}",
    prog_change_meeting: "de gegevens van de bijeenkomst",
    aspect_title: "titel",
    aspect_kind: "soort",
    aspect_time: "tijd",
    aspect_questions: "vragen",
    aspect_rooms: "kamers",
    aspect_place: "volgorde",
    prog_invalid_on_disk: "{error} — niet overgenomen; het programma blijft zoals het was",
    prog_other_session_on_disk: "programme.json hoort nu bij een andere sessie ({id}) en is niet overgenomen; het programma blijft zoals het was",
    resumed_by_ids: "Hervat waar de klok was; het programma is intussen gewijzigd",
    cli_edit: "Een programma maken of veranderen in een formulier, gecontroleerd terwijl je typt",
    cli_edit_file: "Het programmabestand; bestaat het nog niet, dan kies je eerst een sjabloon",
    cli_usage_edit: "oogst edit [BESTAND] [OPTIES]",
    kept_session_programme: "Het programma uit de sessiemap is gebruikt: het is tijdens de bijeenkomst gewijzigd (het opgegeven bestand niet)",
    key_edit_page: "vorige of volgende blok",
    key_edit_while_typing: "Terwijl je in een veld typt:",
    form_no_blocks: "er is nog geen blok; Enter op ‘+ blok toevoegen’ maakt er een",
    form_bad_time: "\"{found}\" is geen tijd; typ UU:MM, bijvoorbeeld 09:45",
    form_first_needs_start: "het eerste blok heeft een begintijd nodig, bijvoorbeeld 09:45",
    form_no_length: "vul een duur in minuten of een eindtijd in",
    form_zero_minutes: "0 minuten: een blok duurt minstens 1 minuut",
    form_too_long: "{minutes} minuten is te lang: een blok duurt hoogstens een dag (1440 minuten)",
    form_not_minutes: "\"{found}\" is geen duur; typ minuten (45) of een eindtijd (12:00)",
    form_no_questions: "een deelsessie heeft minstens één leervraag nodig",
    form_no_rooms: "een deelsessie heeft minstens één kamer nodig",
    form_bad_id: "\"{id}\" kan geen sessie-id zijn; gebruik letters, cijfers, -, _ en ., bijvoorbeeld cop-2026-03-12",
    form_bad_block_id: "\"{id}\" kan geen id zijn; gebruik letters, cijfers, - en _, bijvoorbeeld ronde-1",
    form_bad_date: "\"{found}\" is geen datum; typ JJJJ-MM-DD, bijvoorbeeld 2026-03-12",

    programme: "Programma",
    now: "Nu",
    next: "Hierna",
    planned: "gepland",
    actual: "werkelijk",
    expected: "verwacht",
    running: "loopt",
    paused: "GEPAUZEERD",
    waiting: "nog niet gestart",
    nearly_over: "bijna voorbij",
    over_time: "UITGELOPEN",
    skipped: "overgeslagen",
    done: "klaar",
    programme_over: "Het programma is afgelopen",
    programme_over_hint: "p: terug naar het laatste blok · q: afsluiten",
    press_space_to_start: "spatie: starten",
    ends_at: "eindigt {time}",
    extended_by: "{min} min verlengd",
    shortened_by: "{min} min ingekort",
    on_time: "programma ligt op schema",
    runs_late: "programma loopt {dur} uit",
    runs_early: "programma ligt {dur} voor op schema",
    ended_late: "programma eindigde {dur} te laat",
    ended_early: "programma eindigde {dur} vroeg",
    ended_on_time: "programma eindigde op tijd",
    rehearsal: "OEFENEN ×{speed}",
    message_to_rooms: "Bericht aan de kamers",
    no_message: "geen bericht",
    message_prompt: "Bericht aan alle kamers",
    message_hint: "Enter: versturen · Esc: annuleren · leeg versturen wist het bericht",
    bell_on: "bel aan",
    bell_off: "bel uit",
    too_small: "Venster te klein",
    help_title: "Toetsen",
    help_close: "Esc of ?: sluiten",
    quit_question: "Er loopt een blok. Afsluiten? De klok wordt bewaard.",
    yes_no: "j: afsluiten · n: doorgaan",
    session_folder: "sessiemap",
    no_session_folder: "geen sessiemap",
    dashboard_title: "Kamers",
    save_failed: "OPSLAAN MISLUKT: {error} — wordt opnieuw geprobeerd",
    resumed: "Hervat waar de klok was gebleven",
    fresh_state: "Eerdere klokstand hoort bij een ander programma of een andere dag; opzij gezet als {file}",
    lead_elsewhere: "deze sessie wordt al geleid vanaf {machine} (de klok is {secs} s geleden bijgewerkt). Wil je het hier overnemen, start dan opnieuw met --take-over: oogst op {machine} schrijft dan niet meer en kijkt alleen nog mee.",
    lead_here_already: "op deze computer leidt al een oogst deze sessie ({dir}). Gebruik dat venster, of sluit het eerst af.",
    lead_unnamed: "een andere computer (schrijver {writer})",
    took_over: "Overgenomen van {machine}: dat scherm volgt nu alleen de klok",
    read_only_banner: "ALLEEN KIJKEN · geleid vanaf {machine} sinds {time}",
    read_only_how: "Zelf weer leiden: sluit af (q) en start opnieuw met --take-over",
    read_only_follows: "dit scherm kijkt alleen mee",
    read_only_key: "Alleen kijken: de klok wordt nu geleid vanaf {machine}",
    cli_take_over: "Deze sessie leiden, ook als een andere dagvoorzitter in de laatste 30 s de klok schreef (die kijkt dan alleen nog mee)",

    started: "Gestart: {title}",
    paused_toast: "Gepauzeerd",
    resumed_toast: "Hervat",
    moved: "Volgende blok gestart: {title}",
    ended: "Programma afgelopen",
    moved_back: "Terug naar: {title} (nog niet gestart)",
    extended: "+1 minuut",
    shortened: "−1 minuut",
    message_sent: "Bericht verstuurd naar de kamers",
    message_cleared: "Bericht gewist",
    replanned: "Herplanning: {blocks} blokken samen {dur} korter; r nogmaals maakt het ongedaan",
    replan_undone: "Herplanning ongedaan gemaakt",
    replan_on_time: "Niets te herplannen: het programma eindigt op tijd",
    replan_impossible: "Herplannen kan niet: ook op hun minimum lopen de blokken {dur} uit",
    ignored_over: "Het programma is afgelopen",
    ignored_first: "Dit is het eerste blok",
    ignored_minimum: "Korter kan niet: een blok duurt minstens 1 minuut",
    ignored_nothing_to_come: "Er komen geen blokken meer om in te korten",

    key_start_pause: "start/pauze",
    key_next: "volgende",
    key_previous: "vorige",
    key_replan: "herplannen",
    key_message: "bericht",
    key_dashboard: "kamers",
    key_presenter: "grote klok",
    key_back: "terug",
    key_bell: "bel aan/uit",
    key_help: "help",
    key_quit: "afsluiten",
    key_save_quit: "bewaren en meteen afsluiten",
    key_send: "versturen",
    key_cancel: "annuleren",
    key_lead_view: "terug",
    doc_host_one: "gespreksleider",
    dash_q: "V",
    dash_room: "Kamer",
    dash_host: "Gespreksleider",
    dash_total: "Totaal",
    dash_changed: "Laatst",
    dash_none: "Nog geen gespreksleider begonnen.",
    dash_start_hint: "Gespreksleiders starten met: oogst host --dir {dir}",
    dash_quiet: "⚠ stil {dur}",
    dash_unreadable: "⚠ onleesbaar",
    dash_just_now: "zojuist",
    dash_ago: "{dur} geleden",
    dash_summary: "{rooms} · {hosts} · {notes}",
    dash_heading: "Kamers · {round}",
    dash_round_of: "Ronde {n} van {of}",
    dash_no_host: "nog geen gespreksleider",
    dash_not_listed: "Niet in het programma",
    dash_other_rounds: "Andere rondes: {rooms} · {notes}",
    dash_other_session: "{files} van een andere sessie niet getoond",
    dash_file_one: "bestand",
    dash_files: "bestanden",
    dash_missing: "{file}: verdwenen uit de map (de laatste versie telt nog mee)",
    dash_done: "✓ klaar",
    dash_help: "⚑ hulp nodig",
    dash_seen: "✉ gezien",
    dash_not_seen: "✉ nog niet gezien",
    lead_help_calls: "⚑ Hulp nodig: {rooms} · d {key}",
    dash_help_calls: "⚑ Hulp nodig: {rooms} · een toets: gezien",
    dash_no_round: "Dit programma heeft geen deelsessie, dus geen kamers.",
    dash_more: "… nog {n} (maak het venster hoger)",
    dash_reading: "Kamerbestanden lezen…",
    dash_question_extra: "(niet in het programma)",
    host_question_short: "vraag {n}",
    host_empty_note: "Een lege notitie wordt niet toegevoegd",
    host_editing_placeholder: "Leeg: Enter verwijdert deze notitie",
    key_keep: "bewaren",
    host_more_above: "▲ nog {n} hierboven",
    doc_room_one: "kamer",
    merge_not_oogst: "geen oogst-bestand (geen \"format\")",
    merge_other_format: "geen kamerbestand ({format})",
    merge_mixed_sessions: "de bestanden horen bij verschillende sessies: {sessions}; kies er één met --session",
    merge_other_session: "hoort bij een andere sessie ({session})",
    merge_file_read: "bestand gelezen",
    merge_files_read: "bestanden gelezen",
    merge_duplicate: "dubbele samengevoegd",
    merge_duplicates: "dubbele samengevoegd",
    merge_skipped_count: "overgeslagen",
    merge_skipped: "overgeslagen",
    merge_wrote: "oogst geschreven naar {file}",
    merge_keep_going_hint: "er is niets geschreven; met --keep-going voegt oogst de andere bestanden samen en noemt het welke het overslaat",
    file_is_fifo: "een FIFO (named pipe), geen gewoon bestand: niet gelezen",
    file_is_socket: "een socket, geen gewoon bestand: niet gelezen",
    file_is_device: "een apparaat, geen gewoon bestand: niet gelezen",
    file_is_folder: "is een map, geen bestand",
    file_is_link: "een symbolische koppeling binnen de map: niet gevolgd",
    file_is_special: "geen gewoon bestand: niet gelezen",
    file_too_large: "te groot ({more}{mib} MiB); oogst leest bestanden tot 64 MiB",
    file_not_utf8: "geen UTF-8-tekst (ongeldige byte op positie {at})",
    io_not_found: "bestand niet gevonden",
    io_permission_denied: "geen toegang (rechten)",
    io_is_a_folder: "is een map, geen bestand",
    io_not_a_folder: "een deel van het pad is geen map",
    io_disk_full: "de schijf is vol",
    io_read_only: "alleen-lezen bestandssysteem",
    io_quota: "de schijfruimte (quota) is op",
    io_exists: "bestaat al",
    io_timed_out: "duurde te lang",
    io_busy: "is in gebruik door een ander programma",
    io_not_empty: "de map is niet leeg",
    io_cross_device: "kan niet naar een andere schijf verplaatst worden",
    io_network: "de netwerkverbinding is weg",
    io_stale: "de netwerkmap is niet meer bereikbaar; open haar opnieuw",
    io_bad_name: "ongeldige bestandsnaam",
    io_too_big: "het bestand is te groot voor deze schijf",
    io_no_memory: "onvoldoende geheugen",
    io_unsupported: "kan hier niet",
    io_eof: "het bestand houdt onverwacht op",
    run_no_terminal: "oogst heeft een terminalvenster nodig: start het in Terminal, Windows Terminal of een ander terminalprogramma (niet met de uitvoer naar een bestand of pijp)",
    run_terminal: "het terminalvenster: {error}",
    run_signals: "de signalen van het systeem: {error}",
    run_start: "oogst kon niet starten: {error}",
    run_not_saved: "niet alles kon bewaard worden",
    doc_harvest: "Oogst",
    doc_question: "Vraag",
    doc_room: "Kamer",
    doc_rooms: "kamers",
    doc_notes: "notities",
    doc_note: "notitie",
    doc_hosts: "gespreksleiders",
    doc_no_notes: "Geen notities.",
    doc_contents: "Inhoud",
    doc_made_with: "Gemaakt met oogst uit {n} kamerbestanden",
    doc_from_rooms: "uit {rooms}",
    doc_draft: "concept, niet toegevoegd",
    doc_draft_one: "concept",
    doc_drafts: "concepten",
    doc_round_one: "ronde",
    doc_rounds: "rondes",
    doc_first_round: "Eerste ronde",
    doc_key_takeaway: "belangrijkste opbrengst",
    merge_deleted: "verwijderd",
    merge_session_file: "sessiebestand",
    merge_session_files: "sessiebestanden",
    merge_drafts_left_out: "{n} concept(en) weggelaten (--no-drafts)",
    export_done: "Oogst geschreven: {where}",
    export_failed: "Oogst maken mislukt: {error}",
    export_left_out: "Oogst geschreven ({left_out}): {where}",
    export_other_session: "{files} van een andere sessie weggelaten",
    export_skipped: "{files} overgeslagen",
    key_export: "oogst schrijven (harvest.md, .html)",
    cli_merge: "Kamerbestanden samenvoegen tot één oogst (Markdown, HTML, CSV, JSON)",
    cli_paths: "Kamerbestanden en mappen (mappen worden doorzocht); - is standaardinvoer",
    cli_format: "Uitvoerformaat [standaard: naar de extensie van -o, anders md]",
    cli_output: "Schrijf naar dit bestand (in één keer, of niet) in plaats van naar standaarduitvoer",
    cli_by: "Per vraag (elke vraag met de antwoorden per kamer) of per kamer",
    cli_session: "Alleen deze sessie, als de bestanden van meer sessies zijn",
    cli_keep_going: "Sla onbruikbare bestanden over (en noem ze) in plaats van te stoppen",
    cli_no_drafts: "Laat de concepten (nog niet toegevoegde notities) weg",
    cli_host_dir: "Sessiemap die je deelt met de dagvoorzitter en de andere kamers [standaard: <datamap>/sessions/<programma-id>]",
    host_crashed: "er ging iets mis in oogst zelf. Je notities zijn bewaard in {dir}; start oogst host opnieuw om verder te gaan. Meld dit graag, met het bericht hieronder.",
    cli_host: "Notities maken in een kamer van een deelsessie (gespreksleider)",
    cli_room: "De kamer: een kamer uit het programma of een andere naam",
    cli_name: "Je naam als gespreksleider [standaard: de vorige keer gebruikte naam]",
    cli_host_programme: "Programmabestand als de sessiemap er (nog) geen heeft [standaard: het voorbeeld]",
    host_placeholder: "Typ een notitie; Enter voegt de notitie toe, Alt-Enter begint een nieuwe regel",
    host_new_message: "Nieuw bericht van de dagvoorzitter",
    host_deleted: "Notitie verwijderd; Ctrl-Z maakt het ongedaan",
    host_edited: "Notitie gewijzigd; Ctrl-Z maakt het ongedaan",
    host_nothing_to_undo: "Niets om ongedaan te maken",
    host_undone: "Ongedaan gemaakt",
    host_questions: "Vragen",
    host_question: "Vraag {n} van {of}",
    host_new_note: "Nieuwe notitie · vraag {n}",
    host_editing: "notitie bewerken · Enter bewaart · Esc annuleert · leeg maken verwijdert",
    host_no_notes: "Nog geen notities bij deze vraag. Typ hieronder en druk op Enter.",
    host_saved: "bewaard {time}",
    host_no_clock: "geen klok van de dagvoorzitter",
    host_clock_waiting: "er loopt nu geen blok",
    host_clock_left: "nog {time}",
    host_clock_over: "{time} uitgelopen",
    host_clock_paused: "gepauzeerd",
    host_clock_stale: "klok al {dur} niet bijgewerkt",
    host_message: "Bericht",
    host_no_name: "geen naam",
    host_moved_aside: "Het kamerbestand {file} was onbruikbaar ({why}); het is bewaard als {aside} en er is een nieuw begonnen.",
    host_not_own_folder: "{dir} is geen gewone map in de sessiemap (een koppeling?); oogst schrijft nooit buiten de sessiemap",
    host_already_open: "{room} is al open in een andere oogst op deze computer ({file})",
    host_left_alone: "{file} is niet van deze kamer ({why}); het blijft onaangeroerd en oogst schrijft naast dat bestand",
    host_took_in: "{notes} overgenomen uit het eerdere bestand {file} (dat blijft zoals het is)",
    host_other_session: "programme.json hoort nu bij sessie {session}; deze gespreksleider blijft bij de eigen sessie",
    host_no_breakout: "het programma heeft geen deelsessie met kamers en vragen",
    host_questions_changed: "De vragen van deze ronde zijn aangepast in het programma; notities blijven bij hun vraag",
    host_round_gone: "Deze ronde staat niet meer in het programma; de notities blijven bij hun ronde",
    host_round_moved: "Nu ronde “{round}”: nieuwe notities gaan daarheen (F2: een andere ronde)",
    host_round_pending: "Volgende ronde: “{round}”; na deze notitie gaat oogst daarheen",
    host_programme_without_rounds: "het programma \"{id}\" heeft geen deelsessie met vragen",
    key_browse: "bladeren",
    host_pick_other_placeholder: "naam van de kamer",
    host_cannot_save: "Er kan niets bewaard worden: {why}",
    host_cannot_save_ask: "Toch afsluiten? Wat niet bewaard is, gaat dan verloren. j = afsluiten · een andere toets = blijven (oogst blijft proberen)",
    host_cannot_save_title: "Niet bewaard",
    host_waiting_title: "Wachten op het programma",
    host_waiting_unreadable: "De programme.json in {dir} is (nog) niet te gebruiken; oogst kijkt elke seconde opnieuw (misschien is de synchronisatie nog bezig). Hieronder wat er mis is.",
    host_waiting_body: "Er staat nog geen programme.json in {dir}. Het verschijnt zodra de dagvoorzitter oogst lead --dir start, of zodra de synchronisatie het heeft gekopieerd. Je hoeft niets te doen.",
    host_pick_title: "Welke kamer leid je?",
    host_pick_new: "“{room}”: een kamer die niet in het programma staat",
    host_pick_elsewhere: "{room} — in {round}",
    host_pick_other: "Een andere kamer…",
    host_pick_other_label: "Naam van de kamer (Enter: verder, Esc: terug):",
    host_pick_confirm: "Een nieuwe kamer “{room}” maken, die niet in het programma staat? j = ja · een andere toets = terug",
    key_pick_room: "kiezen",
    key_first_last: "naar de eerste / laatste",
    key_pick_number: "die kamer kiezen",
    host_round_now: "nu",
    host_round_open: "open",
    key_go_round: "naar die ronde",
    host_rounds_title: "Rondes",
    key_round: "ronde",
    host_rescued: "Bewaren in {file} lukte niet ({error}). Je notities staan veilig in {rescue}: geef dat bestand aan de organisator (oogst merge leest het zoals elk kamerbestand).",
    host_questions_differ: "De vragen in het kamerbestand verschillen van het programma; de vragen uit het bestand blijven staan.",
    host_continued: "Verder in {file}: {notes}",
    key_add: "toevoegen",
    key_newline: "nieuwe regel",
    key_question: "vraag",
    key_select: "notitie kiezen",
    key_edit: "bewerken",
    key_delete: "verwijderen",
    key_undo: "ongedaan maken",
    key_deselect: "terug naar typen",
    key_cancel_edit: "bewerken annuleren",
    key_page: "10 notities verder",
    key_star: "ster aan/uit op de gekozen notitie",
    key_star_short: "ster",
    key_redo: "opnieuw doen wat Ctrl-Z ongedaan maakte",
    key_undo_help: "ongedaan maken (notitie of ster)",
    key_done: "signaal ‘wij zijn klaar’ aan/uit",
    key_done_short: "klaar",
    key_not_done: "toch niet klaar",
    key_need_help: "signaal ‘wij hebben hulp nodig’ aan/uit",
    key_need_help_short: "hulp nodig",
    key_no_help: "hulp intrekken",
    key_host_bell: "bel bij bericht en tijd aan/uit",
    key_host_bell_b: "bel aan/uit, als er een notitie gekozen is",
    host_round_of: "ronde {n} van {of}",
    host_signal_done: "✔ klaar",
    host_signal_help: "⚑ hulp gevraagd",
    host_signalled_done: "De dagvoorzitter ziet nu dat jullie klaar zijn; F3 trekt het in",
    host_signalled_help: "De dagvoorzitter ziet nu dat jullie hulp vragen; F4 trekt het in",
    host_signal_withdrawn: "Signaal aan de dagvoorzitter ingetrokken",
    host_bell_on: "Bel aan: een piep bij een nieuw bericht, bij nog 2 minuten en als de tijd om is",
    host_bell_off: "Bel uit: de kop van het scherm licht nog wel op",
    host_flash_message: "NIEUW BERICHT",
    host_flash_two_minutes: "NOG 2 MINUTEN",
    host_flash_time_up: "TIJD IS OM",
    host_message_age: "{dur} geleden",
    host_message_just_now: "zojuist",
    host_starred: "★ Belangrijkste opbrengst: “{note}” — Ctrl-Z maakt het ongedaan",
    host_unstarred: "Ster weggehaald: “{note}” — Ctrl-Z maakt het ongedaan",
    host_undo_removed: "Notitie weggehaald: “{note}” — Ctrl-Y zet de notitie terug",
    host_undo_restored: "Notitie terug: “{note}” — Ctrl-Y haalt de notitie weer weg",
    host_undo_reworded: "Wijziging teruggedraaid: “{note}” — Ctrl-Y voert haar weer uit",
    host_undo_starred: "Ster terug: “{note}” — Ctrl-Y haalt de ster weer weg",
    host_undo_unstarred: "Ster weggehaald: “{note}” — Ctrl-Y zet de ster terug",
    host_redo_removed: "Notitie weer weggehaald: “{note}” — Ctrl-Z zet de notitie terug",
    host_redo_restored: "Notitie weer terug: “{note}” — Ctrl-Z haalt de notitie weg",
    host_redo_reworded: "Wijziging weer uitgevoerd: “{note}” — Ctrl-Z draait haar terug",
    host_redo_starred: "Ster weer terug: “{note}” — Ctrl-Z haalt de ster weg",
    host_redo_unstarred: "Ster weer weggehaald: “{note}” — Ctrl-Z zet de ster terug",
    host_nothing_to_redo: "Niets om opnieuw te doen",
    crashed: "er ging iets mis in oogst zelf. De klok is bewaard in {dir}; start oogst opnieuw om verder te gaan. Meld dit graag, met het bericht hieronder.",
    quit_title: "Afsluiten?",
    rehearse_hint: "Oefenen kan altijd: oogst lead --at {time} --speed 30",
    replanned_one: "Herplanning: {blocks} blok {dur} korter; r nogmaals maakt het ongedaan",
    cli_about: "Bewaak de tijd van een participatieve bijeenkomst en oogst wat de deelsessies opleveren.",
    cli_about_long: "Bewaak de tijd van een participatieve bijeenkomst en oogst wat de deelsessies opleveren.\n\nZonder opdracht opent oogst het dagvoorzittersscherm met het ingebouwde voorbeeldprogramma.",
    cli_lead: "De tijd van het programma bewaken (dagvoorzittersscherm)",
    cli_check: "Programma-, klok-, klokstand- of kamerbestanden controleren (ook alle bestanden in een map)",
    cli_init: "Een bewerkbaar programma schrijven: het voorbeeld of een sjabloon",
    cli_lang: "Taal van de interface [standaard: uit LANG / LC_ALL]",
    cli_programme: "Programmabestand [standaard: programme.json in de sessiemap, anders het voorbeeld]",
    cli_dir: "Sessiemap die je deelt met de gespreksleiders [standaard: <datamap>/sessions/<programma-id>]",
    cli_at: "Repetitie: doe alsof de klok bij het starten UU:MM aanwijst",
    cli_speed: "Repetitie: laat de klok N keer zo snel lopen",
    cli_fresh: "De bewaarde klok van deze sessie opzijzetten en opnieuw beginnen",
    cli_files: "Te controleren bestanden en mappen",
    cli_file: "Waar het heen moet",
    cli_force: "Een bestaand bestand overschrijven",
    cli_template: "Begin met een sjabloon in plaats van het voorbeeld: cop-online (online ochtend met casus en vijf leervragen), kennisgemeenschap (lezing en werksessie per coalitie), leren-en-doen (avond aan tafels, twee vragen), vakgemeenschap (klant, wijk, organisatie, stakeholders), workshop (1-2-4-allen en 15%-oplossingen)",
    cli_value_template: "SJABLOON",
    cli_help: "Hulp tonen",
    cli_version: "Versie tonen",
    cli_usage: "Gebruik:",
    cli_commands: "Opdrachten",
    cli_options: "Opties",
    cli_arguments: "Argumenten",
    cli_error: "fout:",
    cli_tip: "tip:",
    cli_err_invalid_value: "ongeldige waarde '{value}' voor '{arg}'",
    cli_err_value_missing: "'{arg}' heeft een waarde nodig, maar die ontbreekt",
    cli_err_unknown_arg: "onbekend argument '{arg}'",
    cli_err_unknown_command: "onbekende opdracht '{command}'",
    cli_err_missing: "deze verplichte argumenten ontbreken:",
    cli_err_conflict: "'{arg}' gaat niet samen met '{other}'",
    cli_err_twice: "'{arg}' mag maar één keer",
    cli_err_too_many: "onverwachte waarde '{value}' voor '{arg}'; er hoort er maar één",
    cli_err_other: "de opdrachtregel klopt niet",
    cli_similar: "bedoel je '{what}'?",
    cli_possible_values: "mogelijke waarden",
    cli_default: "standaard",
    cli_more_info: "Meer informatie: '{help}'.",
    cli_bad_at: "\"{value}\" is geen tijdstip; schrijf UU:MM, bijvoorbeeld 10:08",
    cli_bad_speed: "\"{value}\" is geen snelheid; geef een getal van 1 tot 10000, bijvoorbeeld 30",
    cli_help_command: "Deze hulp tonen, of die van de genoemde opdracht",
    cli_help_which: "De opdracht waarover je hulp wilt",
    cli_usage_top: "oogst [OPTIES] [OPDRACHT]",
    cli_usage_lead: "oogst lead [PROGRAMMA] [OPTIES]",
    cli_usage_host: "oogst host [OPTIES]",
    cli_usage_merge: "oogst merge <PAD>... [OPTIES]",
    cli_usage_check: "oogst check <BESTAND>...",
    cli_usage_init: "oogst init [BESTAND] [OPTIES]",
    cli_usage_help: "oogst help [OPDRACHT]",
    cli_usage_watch: "oogst watch [MAP] [OPTIES]",
    cli_value_dir: "MAP",
    cli_value_file: "BESTAND",
    cli_value_time: "UU:MM",
    cli_value_room: "KAMER",
    cli_value_name: "NAAM",
    cli_value_path: "PAD",
    cli_value_format: "FORMAAT",
    cli_value_order: "INDELING",
    cli_value_lang: "TAAL",
    cli_value_programme: "PROGRAMMA",
    cli_value_command: "OPDRACHT",
    message_example: "bijvoorbeeld: Nog 5 minuten",
    next_hint: "n: volgend blok",
    deadline_was: "eindtijd was {time}",
    key_extend_shorten: "±1 min",
    key_extend: "huidig blok een minuut langer",
    key_shorten: "huidig blok een minuut korter",
    key_export_short: "oogst",
    key_resume: "spatie: hervatten",
    space: "spatie",

    duration_minutes: "{m} min",
    duration_hours: "{h} u {m} min",
    date: "{day} {month} {year}",

    check_programme: "programma \"{title}\": {blocks}, {first}–{last}, {breakouts}",
    check_block_one: "blok",
    check_blocks: "blokken",
    check_breakout_one: "deelsessie",
    check_breakouts: "deelsessies",
    check_clock: "klok van sessie {session}: blok {block}, geschreven {written}",
    check_room: "kamer \"{room}\" ({hosts}) van sessie {session}{round}: {notes}, {deleted} verwijderd{drafts}",
    check_room_round: ", ronde {round}",
    check_harvest: "oogst {session}: {rooms}, {notes}",
    check_lead_state: "klokstand van sessie {session} op {day}",
    check_empty_folder: "een map zonder .json-bestanden",
    check_invalid: "{n} van {total} ongeldig",

    cli_no_data_dir: "geen datamap gevonden voor de sessie; geef er een met --dir",
    cli_need_name: "geef één keer je naam met --name \"Je Naam\" (oogst onthoudt haar)",
    init_exists: "{name} bestaat al; kies een andere naam of overschrijf met --force",
    init_wrote: "{name} geschreven. Pas het aan, controleer het met `oogst check {name}` en start met `oogst lead {name}`.",
    lang_code: "nl",

    problem_block: "blok {n} \"{title}\": ",
    problem_empty: "het bestand is leeg; een oogst-bestand is een JSON-object { … }",
    problem_truncated: "het bestand houdt midden in de JSON op (afgebroken, of niet helemaal gesynchroniseerd?)",
    problem_malformed: "geen geldige JSON: {detail}",
    problem_bad_stamp: "{path}: {found} is geen tijd; schrijf RFC 3339 met tijdzone, jaar 0001–9999, bijvoorbeeld \"2021-01-21T11:07:12+01:00\"",
    problem_out_of_range: "{path}: {found} kan niet; toegestaan is {allowed}",
    problem_missing: "het veld \"{field}\" ontbreekt (versie {version} heeft het nodig)",
    problem_bad_block_id: "id {id} kan geen blok-id zijn; gebruik letters, cijfers, '-' en '_', bijvoorbeeld \"ronde-1\"",
    problem_duplicate_block_id: "id {id} is al van een ander blok (hoofdletters tellen niet mee)",
    problem_unknown_field_nearest: "waarschuwing: onbekend veld {field}; bedoel je \"{nearest}\"?",
    problem_unknown_field: "waarschuwing: onbekend veld {field} (bekend zijn: id, kind, title, start, end, minutes, rooms, questions)",
    problem_wrong_format: "dit is een bestand van soort {found}, geen \"{expected}\"",
    problem_no_format: "geen oogst-bestand: het veld \"format\" ontbreekt (verwacht \"{expected}\")",
    problem_draft_question: "draft.question: het concept hoort bij vraag {question}, maar het bestand heeft {questions} vragen",
    problem_no_such_question: "notitie {note} hoort bij vraag {question}, maar het bestand heeft {questions} vragen",
    problem_unknown_format: "onbekend formaat {found}; oogst kent: {known}",
    problem_newer_version_one: "gemaakt door een nieuwere oogst: {what} versie {found}; deze oogst leest versie {supported}",
    problem_newer_version_more: "gemaakt door een nieuwere oogst: {what} versie {found}; deze oogst leest tot en met versie {supported}",
    file_kind_programme: "programmabestand",
    file_kind_clock: "klokbestand",
    file_kind_room: "kamerbestand",
    file_kind_harvest: "oogstbestand",
    file_kind_lead_state: "klokstandbestand",
    file_kind_other: "{what}",
    problem_bad_version: "het veld \"version\" ontbreekt of is geen geheel getal (schrijf \"version\": 1)",
    problem_bad_id: "id {id} kan geen mapnaam zijn; gebruik letters, cijfers, '-', '_' en '.', bijvoorbeeld \"cop-2021-01-21\"",
    problem_empty_title: "de titel is leeg",
    problem_bad_date: "datum {found} is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld \"2021-01-21\"",
    problem_no_blocks: "het programma heeft geen blokken; \"blocks\" moet er minstens één hebben",
    problem_unknown_kind: "onbekende soort {found}; geldig zijn: {dutch} (of in het Engels: {english})",
    problem_bad_time: "{field} {found} is geen tijd; schrijf UU:MM, bijvoorbeeld \"09:45\"",
    problem_first_needs_start: "het eerste blok heeft een \"start\" nodig, bijvoorbeeld \"start\": \"09:45\"",
    problem_no_length: "het blok heeft \"minutes\" of \"end\" nodig, bijvoorbeeld \"minutes\": 15",
    problem_zero_minutes: "\"minutes\" is 0; een blok duurt minstens 1 minuut",
    problem_too_long: "\"minutes\" is {minutes}; een blok duurt hoogstens een dag (1440)",
    problem_length_mismatch: "\"minutes\": {minutes} vanaf {start} eindigt niet om \"end\" {end}; geef er één van beide, of laat ze kloppen",
    problem_end_not_after_start: "eindigt om {end}, niet na de start om {start}",
    problem_past_midnight: "{minutes} minuten vanaf {start} loopt over middernacht; een programma past binnen één dag",
    problem_overlap: "begint om {start}, vóór het vorige blok eindigt om {previous_end}; laat het om {previous_end} of later beginnen",
    problem_no_questions: "een deelsessie heeft leervragen nodig: \"questions\": [\"…\"]",
    problem_no_rooms: "een deelsessie heeft kamers nodig: \"rooms\": [\"Kamer 1\", \"Kamer 2\"]",
    problem_empty_question: "vraag {number} is leeg",
    problem_empty_room: "kamer {number} heeft geen naam",
    problem_duplicate_room: "kamer {name} staat er twee keer in",

    parser_expected: "verwacht {expected}, maar hier staat {found}",
    parser_missing_field: "het veld \"{field}\" ontbreekt",
    parser_wrong_length: "verkeerde lengte {n}",
    parser_text: "tekst {text}",
    parser_the_number: "het getal {number}",
    parser_object: "een object { … }",
    parser_list: "een lijst [ … ]",
    parser_unsigned: "een geheel getal van 0 of meer",
    parser_integer: "een geheel getal",
    parser_string: "tekst tussen aanhalingstekens",
    parser_boolean: "true of false",
    parser_expected_value: "hier hoort een waarde (tekst, getal, lijst of object)",
    parser_comma_or_brace: "hier hoort een komma of }",
    parser_comma_or_bracket: "hier hoort een komma of ]",
    parser_colon: "hier hoort een dubbele punt :",
    parser_key_string: "een sleutel moet tekst tussen aanhalingstekens zijn",
    parser_trailing_comma: "een komma vlak voor } of ] hoort er niet",
    parser_trailing_characters: "er staat nog iets na het einde van de JSON",
    parser_control_character: "een stuurteken in tekst; schrijf \\n, \\t of \\u001b",
    parser_invalid_escape: "ongeldige \\-code in tekst",
    parser_invalid_unicode: "ongeldige \\u-code in tekst",
    parser_number_out_of_range: "getal te groot",
    parser_invalid_number: "ongeldig getal",
    parser_expected_ident: "hier hoort true, false of null",
    csv_columns: [
        "sessie",
        "kamer",
        "gespreksleiders",
        "vraagnummer",
        "vraag",
        "notitie",
        "gemaakt",
        "gewijzigd",
        "ronde",
        "door",
        "kernpunt",
        "concept",
    ],
    months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
};

pub static EN: Catalog = Catalog {
    kind_walk_in: "walk-in",
    kind_plenary: "plenary",
    kind_case: "case",
    kind_questions: "questions",
    kind_breakout: "breakout",
    kind_break: "break",
    kind_closing: "closing",

    // Re-plan as a proposal, undo and redo for the lead.
    late_block_over: "block {dur} over time",
    late_block_over_now: "block over time",
    late_still_on_time: "programme still on time",
    replan_title: "Re-plan the rest of the day",
    replan_runs_late: "The programme runs {dur} late and would end at {time}.",
    replan_runs_early: "The programme runs {dur} early and would end at {time}: shortened blocks get time back.",
    replan_ends_on_time: "The programme is on time and ends at {time}.",
    replan_col_block: "block",
    replan_col_now: "now",
    replan_col_proposed: "proposed",
    replan_col_times: "new times",
    replan_protected: "protected",
    replan_by_hand: "set by hand",
    replan_at_floor: "at minimum",
    replan_gets_back: "gets time back",
    replan_keeps_start: "starts {time} as planned",
    replan_start_moves: "starts {time}, not {fixed}",
    replan_new_end_on_time: "New end {time}: on time",
    replan_new_end_early: "New end {time}: {dur} early",
    replan_new_end_late: "New end {time}: still {dur} late",
    replan_floors_over: "every block that may give time is at its minimum",
    replan_nothing_changes: "nothing needs to change",
    key_replan_choose: "choose",
    key_replan_minutes: "minutes",
    key_replan_longer: "a minute longer",
    key_replan_shorter: "a minute shorter",
    key_replan_protect: "protect on/off",
    key_replan_protect_short: "protect",
    key_replan_reset: "back to the proposal",
    key_replan_reset_short: "back to proposal",
    key_replan_apply: "apply",
    key_replan_cancel: "leave as it is",
    replan_applied: "Re-planned: {blocks} blocks changed, the programme ends at {time} · u undoes it",
    replan_applied_one: "Re-planned: {blocks} block changed, the programme ends at {time} · u undoes it",
    replan_unchanged: "Nothing changed",
    ignored_plan_outdated: "The programme changed while the proposal was open; press r again",
    key_lead_undo: "undo the last step (also after a restart)",
    key_lead_undo_short: "undo",
    key_lead_redo: "redo what u undid",
    lead_undone: "Undone: {what} (U redoes it) · now: {title}",
    lead_redone: "Redone: {what} (u undoes it) · now: {title}",
    lead_nothing_to_undo: "Nothing to undo",
    lead_nothing_to_redo: "Nothing to redo",
    lead_undo_broken: "This step cannot be undone: the saved clock does not fit it (earlier steps are gone too)",
    lead_undo_programme_broken: "The earlier programme cannot be put back: {error}",
    lead_undo_hint: "{text} · u undoes it",
    step_start: "start",
    step_pause: "pause",
    step_resume: "resume",
    step_next: "next block",
    step_previous: "previous block",
    step_extend: "+1 min",
    step_shorten: "−1 min",
    step_replan: "re-plan",
    step_programme: "programme change",
    step_other: "a step",

    // The live harvest (the lead's `h`, `oogst watch`).
    key_harvest: "live harvest",
    key_harvest_question: "previous / next question",
    key_harvest_question_short: "question",
    key_harvest_number: "that question (1–9)",
    key_harvest_scroll: "scroll",
    key_harvest_page: "a page up / down",
    key_harvest_ends: "to the top / bottom",
    key_harvest_stars: "key takeaways only / all notes",
    key_harvest_stars_short: "key takeaways",
    key_harvest_round: "next / previous round",
    key_harvest_round_short: "round",
    harvest_title: "Live harvest",
    harvest_question_of: "Question {n} of {of}",
    harvest_stars_only: "★ key takeaways only",
    harvest_no_notes: "no notes for this question yet",
    harvest_no_stars: "no key takeaways for this question yet",
    harvest_no_questions: "this round has no questions",
    harvest_summary: "{notes} from {rooms} for this question",
    harvest_more_below: "↓ {n} more {lines}",
    harvest_lines: "lines",
    harvest_line_one: "line",
    harvest_trouble: "⚠ {first}{more}",
    harvest_not_room: "{file}: no room file now (its last good copy counts)",
    harvest_last_good: "{file} cannot be read now; its last good copy counts: {why}",
    harvest_trouble_more: " (and {n} more)",
    harvest_no_round: "This programme has no breakout, so there is nothing to harvest.",
    watch_badge: "read-only",
    watch_waiting: "Waiting for the lead's programme (programme.json) in {dir}…",
    watch_not_session: "{dir} is not a session folder (there is no programme.json in it). Give the session folder: oogst watch DIR",
    watch_programme_problem: "programme.json cannot be read: {error}",
    cli_watch: "Show the lead's clock and the live harvest of a session folder; writes nothing",
    cli_watch_dir: "The session folder (default: the current folder)",
    watch_crashed: "something went wrong inside oogst; oogst watch writes nothing, so nothing was lost. Please report this, with the message below.",
    edit_field_programme_title: "Title",
    edit_field_date: "Date",
    edit_field_programme_id: "Session id",
    edit_field_title: "Title",
    edit_field_kind: "Kind",
    edit_field_start: "Start",
    edit_field_length: "Length",
    edit_field_id: "Id",
    edit_field_rooms: "Rooms",
    edit_field_questions: "Questions",
    edit_field_question: "Question {n}",
    edit_field_room: "Room {n}",
    edit_add_question: "+ add a question",
    edit_add_room: "+ add a room",
    edit_add_block: "+ add a block",
    edit_start_follows: "right after the previous block",
    edit_start_fixed: "{time} (fixed)",
    edit_minutes: "{n} min",
    edit_until: "until {time}",
    edit_no_date: "none",
    edit_id_new: "new: becomes {id}",
    edit_id_new_later: "new: made from the title",
    edit_skipped: "skipped",
    edit_ran: "past",
    edit_running: "running now",
    edit_hint_title: "For example: Opening and introductions",
    edit_hint_start: "HH:MM, or empty: right after the previous block",
    edit_hint_length: "minutes (45), or an end time (12:00)",
    edit_hint_question: "Type a learning question",
    edit_hint_room: "Name of the room, for example Room 5",
    edit_hint_id: "letters, digits, - and _",
    edit_hint_date: "YYYY-MM-DD, for example 2026-03-12; empty: no date",
    edit_valid: "✓ valid",
    edit_problem_one: "⚠ 1 problem",
    edit_problems: "⚠ {n} problems",
    edit_problems_words: "{n} problems",
    edit_problem_words_one: "1 problem",
    edit_new_block: "New block",
    edit_new_break: "Break",
    edit_refused_ran: "What has run or runs now stays as it was; make the running block longer or shorter with + and − on the clock screen",
    edit_refused_session: "The session id and the date stay as they are while the meeting runs",
    edit_refused_edge: "It cannot go any further",
    edit_refused_minimum: "A block lasts at least a minute",
    edit_refused_item: "There is nothing to do there",
    edit_refused_length: "Fill in a length in minutes or an end time first",
    edit_removed: "‘{title}’ removed · Ctrl-Z puts it back",
    edit_item_removed: "‘{text}’ removed · Ctrl-Z puts it back",
    edit_skipped_toast: "‘{title}’ skipped: it stays in the file · s brings it back",
    edit_unskipped: "‘{title}’ is back in the programme",
    edit_undone: "Undone",
    edit_redone: "Done again",
    edit_nothing_to_undo: "Nothing to undo",
    edit_nothing_to_redo: "Nothing to do again",
    edit_applied: "Programme updated; the rooms see it at once",
    edit_not_applied: "Not applied yet: solve {problems} first (see ⚠)",
    edit_pending: "not applied yet",
    edit_live: "applied",
    edit_screen_title: "Programme",
    edit_saved: "saved",
    edit_unsaved: "not saved",
    edit_saved_toast: "Saved: {file}",
    edit_cannot_save: "Not saved: solve {problems} first (see ⚠)",
    edit_draft_saved: "Draft kept: {draft}",
    edit_draft_kept: "The draft is in {draft}; oogst edit {file} carries on with it",
    edit_draft_resumed: "Carrying on with the draft from {draft}; Ctrl-S saves it as {file} once it is valid",
    edit_ask_title: "Quit",
    edit_ask_save: "The changes are not saved yet. Save them to {file}?",
    edit_ask_save_keys: "y save · n don't save · Esc keep editing",
    edit_ask_draft: "The programme still has {problems} and cannot be saved as {file} like this. Keep the draft as {draft}?",
    edit_ask_draft_keys: "y keep the draft · n throw it away · Esc keep editing",
    edit_crashed: "something went wrong inside oogst; what you typed is in the draft {draft}. Please report this, with the message below.",
    edit_open_hint: "oogst edit opens only a programme; repair this file in a text editor, or start with a new name",
    edit_pick_title: "What do you start from?",
    edit_pick_intro: "{file} does not exist yet. Choose a template; you can change everything afterwards.",
    template_cop_online: "Online CoP morning: walk-in, opening, case, questions, breakout with five learning questions",
    template_kennisgemeenschap: "Knowledge-community afternoon: lecture, work session per coalition with its own questions",
    template_leren_en_doen: "Evening of the CoP, learning and doing: tables with two questions",
    template_vakgemeenschap: "Professional community: the perspectives customer, neighbourhood, organisation and stakeholders as rooms",
    template_workshop: "Short Liberating Structures workshop: 1-2-4-All and 15% Solutions",
    template_demo: "Example: CoP Gebiedsgericht werken of 21 January 2021",
    key_edit_browse: "choose a line",
    key_edit_field: "edit",
    key_edit_kind: "another kind",
    key_edit_minutes: "a minute longer or shorter",
    key_edit_minutes_short: "length",
    key_edit_insert: "new block (or question, room) below",
    key_edit_insert_short: "new",
    key_edit_break: "break below",
    key_edit_remove: "remove",
    key_edit_skip: "skip or bring back",
    key_edit_skip_short: "skip",
    key_edit_move: "move up or down",
    key_edit_undo: "undo",
    key_edit_redo: "do again",
    key_edit_save: "save",
    key_edit_keep: "done",
    key_edit_next_field: "done, to the next field",
    key_edit_back: "back to the clock",
    key_edit_back_short: "clock",
    key_programme: "edit the programme",
    key_programme_short: "programme",
    key_pick_template: "choose",
    prog_changed_on_disk: "programme.json changed: {changes}",
    prog_change_added: "‘{title}’ added",
    prog_change_removed: "‘{title}’ removed",
    prog_change_changed: "‘{title}’: {what}",
    prog_change_more: "and {n} more",
    prog_change_meeting: "the details of the meeting",
    aspect_title: "title",
    aspect_kind: "kind",
    aspect_time: "time",
    aspect_questions: "questions",
    aspect_rooms: "rooms",
    aspect_place: "order",
    prog_invalid_on_disk: "{error} — not taken in; the programme stays as it was",
    prog_other_session_on_disk: "programme.json now belongs to another session ({id}) and was not taken in; the programme stays as it was",
    resumed_by_ids: "Resumed where the clock was; the programme has changed since",
    cli_edit: "Make or change a programme in a form, checked as you type",
    cli_edit_file: "The programme file; if it does not exist yet, you first choose a template",
    cli_usage_edit: "oogst edit [FILE] [OPTIONS]",
    kept_session_programme: "The session folder's programme is used: it was changed during the meeting (the file given was not)",
    key_edit_page: "previous or next block",
    key_edit_while_typing: "While typing in a field:",
    form_no_blocks: "there is no block yet; Enter on ‘+ add a block’ makes one",
    form_bad_time: "\"{found}\" is not a time of day; type HH:MM, for example 09:45",
    form_first_needs_start: "the first block needs a start time, for example 09:45",
    form_no_length: "fill in a length in minutes or an end time",
    form_zero_minutes: "0 minutes: a block lasts at least 1 minute",
    form_too_long: "{minutes} minutes is too long: a block lasts at most a day (1440 minutes)",
    form_not_minutes: "\"{found}\" is not a length; type minutes (45) or an end time (12:00)",
    form_no_questions: "a breakout needs at least one learning question",
    form_no_rooms: "a breakout needs at least one room",
    form_bad_id: "\"{id}\" cannot be a session id; use letters, digits, -, _ and ., for example cop-2026-03-12",
    form_bad_block_id: "\"{id}\" cannot be an id; use letters, digits, - and _, for example round-1",
    form_bad_date: "\"{found}\" is not a date; type YYYY-MM-DD, for example 2026-03-12",

    programme: "Programme",
    now: "Now",
    next: "Next",
    planned: "planned",
    actual: "actual",
    expected: "expected",
    running: "running",
    paused: "PAUSED",
    waiting: "not started",
    nearly_over: "nearly over",
    over_time: "OVER TIME",
    skipped: "skipped",
    done: "done",
    programme_over: "The programme is over",
    programme_over_hint: "p: back to the last block · q: quit",
    press_space_to_start: "space: start",
    ends_at: "ends {time}",
    extended_by: "extended {min} min",
    shortened_by: "shortened {min} min",
    on_time: "programme on time",
    runs_late: "programme runs {dur} late",
    runs_early: "programme runs {dur} early",
    ended_late: "programme ended {dur} late",
    ended_early: "programme ended {dur} early",
    ended_on_time: "programme ended on time",
    rehearsal: "REHEARSAL ×{speed}",
    message_to_rooms: "Message to the rooms",
    no_message: "no message",
    message_prompt: "Message to all rooms",
    message_hint: "Enter: send · Esc: cancel · sending it empty clears the message",
    bell_on: "bell on",
    bell_off: "bell off",
    too_small: "Terminal too small",
    help_title: "Keys",
    help_close: "Esc or ?: close",
    quit_question: "A block is running. Quit? The clock is saved.",
    yes_no: "y: quit · n: carry on",
    session_folder: "session folder",
    no_session_folder: "no session folder",
    dashboard_title: "Rooms",
    save_failed: "SAVING FAILED: {error} — retrying",
    resumed: "Resumed where the clock was",
    fresh_state: "The saved clock belongs to another programme or day; moved aside as {file}",
    lead_elsewhere: "this session is already led from {machine} (its clock was written {secs} s ago). To lead from here instead, start again with --take-over: the lead on {machine} then stops writing and only follows the clock.",
    lead_here_already: "an oogst on this machine already leads this session ({dir}). Use that window, or quit it first.",
    lead_unnamed: "another machine (writer {writer})",
    took_over: "Took over from {machine}: that screen now only follows the clock",
    read_only_banner: "READ-ONLY · led from {machine} since {time}",
    read_only_how: "To lead from here again: quit (q), then start with --take-over",
    read_only_follows: "this screen only follows the clock",
    read_only_key: "Read-only: the clock is led from {machine} now",
    cli_take_over: "Lead this session even if another lead wrote its clock in the last 30 s (that lead then only follows)",

    started: "Started: {title}",
    paused_toast: "Paused",
    resumed_toast: "Resumed",
    moved: "Next block started: {title}",
    ended: "Programme over",
    moved_back: "Back to: {title} (not started)",
    extended: "+1 minute",
    shortened: "−1 minute",
    message_sent: "Message sent to the rooms",
    message_cleared: "Message cleared",
    replanned: "Re-planned: {blocks} blocks {dur} shorter in all; r again undoes it",
    replan_undone: "Re-plan undone",
    replan_on_time: "Nothing to re-plan: the programme ends on time",
    replan_impossible: "Cannot re-plan: even at their minimum the blocks run {dur} over",
    ignored_over: "The programme is over",
    ignored_first: "This is the first block",
    ignored_minimum: "Cannot shorten: a block lasts at least 1 minute",
    ignored_nothing_to_come: "No blocks left to shorten",

    key_start_pause: "start/pause",
    key_next: "next",
    key_previous: "prev",
    key_replan: "re-plan",
    key_message: "message",
    key_dashboard: "rooms",
    key_presenter: "big clock",
    key_back: "back",
    key_bell: "bell on/off",
    key_help: "help",
    key_quit: "quit",
    key_save_quit: "save and quit at once",
    key_send: "send",
    key_cancel: "cancel",
    key_lead_view: "lead view",
    doc_host_one: "host",
    dash_q: "Q",
    dash_room: "Room",
    dash_host: "Host",
    dash_total: "Total",
    dash_changed: "Last",
    dash_none: "No host has started yet.",
    dash_start_hint: "Hosts start with: oogst host --dir {dir}",
    dash_quiet: "⚠ quiet {dur}",
    dash_unreadable: "⚠ unreadable",
    dash_just_now: "just now",
    dash_ago: "{dur} ago",
    dash_summary: "{rooms} · {hosts} · {notes}",
    dash_heading: "Rooms · {round}",
    dash_round_of: "Round {n} of {of}",
    dash_no_host: "no host yet",
    dash_not_listed: "Not in the programme",
    dash_other_rounds: "Other rounds: {rooms} · {notes}",
    dash_other_session: "{files} of another session not shown",
    dash_file_one: "file",
    dash_files: "files",
    dash_missing: "{file}: gone from the folder (its last copy still counts)",
    dash_done: "✓ done",
    dash_help: "⚑ needs help",
    dash_seen: "✉ seen",
    dash_not_seen: "✉ not seen yet",
    lead_help_calls: "⚑ Help needed: {rooms} · d {key}",
    dash_help_calls: "⚑ Help needed: {rooms} · any key: seen",
    dash_no_round: "This programme has no breakout, so no rooms.",
    dash_more: "… {n} more (make the window taller)",
    dash_reading: "Reading the room files…",
    dash_question_extra: "(not in the programme)",
    host_question_short: "question {n}",
    host_empty_note: "An empty note is not added",
    host_editing_placeholder: "Empty: Enter deletes this note",
    key_keep: "keep",
    host_more_above: "▲ {n} more above",
    doc_room_one: "room",
    merge_not_oogst: "not an oogst file (no \"format\")",
    merge_other_format: "not a room file ({format})",
    merge_mixed_sessions: "the files belong to different sessions: {sessions}; pick one with --session",
    merge_other_session: "belongs to another session ({session})",
    merge_file_read: "file read",
    merge_files_read: "files read",
    merge_duplicate: "duplicate collapsed",
    merge_duplicates: "duplicates collapsed",
    merge_skipped_count: "skipped",
    merge_skipped: "skipped",
    merge_wrote: "harvest written to {file}",
    merge_keep_going_hint: "nothing was written; with --keep-going oogst merges the other files and names those it skipped",
    file_is_fifo: "a FIFO (named pipe), not a plain file: not read",
    file_is_socket: "a socket, not a plain file: not read",
    file_is_device: "a device, not a plain file: not read",
    file_is_folder: "is a folder, not a file",
    file_is_link: "a symbolic link inside the folder: not followed",
    file_is_special: "not a plain file: not read",
    file_too_large: "too large ({more}{mib} MiB); oogst reads files up to 64 MiB",
    file_not_utf8: "not UTF-8 text (invalid byte at offset {at})",
    io_not_found: "file not found",
    io_permission_denied: "permission denied",
    io_is_a_folder: "is a folder, not a file",
    io_not_a_folder: "part of the path is not a folder",
    io_disk_full: "the disk is full",
    io_read_only: "read-only file system",
    io_quota: "the disk quota is used up",
    io_exists: "already exists",
    io_timed_out: "took too long",
    io_busy: "is in use by another program",
    io_not_empty: "the folder is not empty",
    io_cross_device: "cannot be moved to another disk",
    io_network: "the network connection is gone",
    io_stale: "the network folder can no longer be reached; open it again",
    io_bad_name: "invalid file name",
    io_too_big: "the file is too large for this disk",
    io_no_memory: "out of memory",
    io_unsupported: "is not possible here",
    io_eof: "the file ends unexpectedly",
    run_no_terminal: "oogst needs a terminal window: start it in Terminal, Windows Terminal or another terminal program (not with its output to a file or pipe)",
    run_terminal: "the terminal: {error}",
    run_signals: "the system's signals: {error}",
    run_start: "oogst could not start: {error}",
    run_not_saved: "not everything could be saved",
    doc_harvest: "Harvest",
    doc_question: "Question",
    doc_room: "Room",
    doc_rooms: "rooms",
    doc_notes: "notes",
    doc_note: "note",
    doc_hosts: "hosts",
    doc_no_notes: "No notes.",
    doc_contents: "Contents",
    doc_made_with: "Made with oogst from {n} room files",
    doc_from_rooms: "from {rooms}",
    doc_draft: "draft, not added",
    doc_draft_one: "draft",
    doc_drafts: "drafts",
    doc_round_one: "round",
    doc_rounds: "rounds",
    doc_first_round: "First round",
    doc_key_takeaway: "key takeaway",
    merge_deleted: "deleted",
    merge_session_file: "session file",
    merge_session_files: "session files",
    merge_drafts_left_out: "{n} draft(s) left out (--no-drafts)",
    export_done: "Harvest written: {where}",
    export_failed: "Making the harvest failed: {error}",
    export_left_out: "Harvest written ({left_out}): {where}",
    export_other_session: "{files} of another session left out",
    export_skipped: "{files} skipped",
    key_export: "write the harvest (harvest.md, .html)",
    cli_merge: "Merge room files into one harvest (Markdown, HTML, CSV, JSON)",
    cli_paths: "Room files and folders (folders are searched); - is standard input",
    cli_format: "Output format [default: from the extension of -o, else md]",
    cli_output: "Write to this file (whole, or not at all) instead of standard output",
    cli_by: "By question (each question, with its answers room by room) or by room",
    cli_session: "Only this session, when the files are of several sessions",
    cli_keep_going: "Skip unusable files (and name them) instead of stopping",
    cli_no_drafts: "Leave out the drafts (notes being typed, not added)",
    cli_host_dir: "Session folder shared with the lead and the other rooms [default: <data dir>/sessions/<programme id>]",
    host_crashed: "something went wrong inside oogst. Your notes are saved in {dir}; start oogst host again to carry on. Please report this, with the message below.",
    cli_host: "Take notes in a breakout room (the host view)",
    cli_room: "The room: a room of the programme, or any name",
    cli_name: "Your name as host [default: the name used last time]",
    cli_host_programme: "Programme file when the session folder has none (yet) [default: the built-in demo]",
    host_placeholder: "Type a note; Enter adds it, Alt-Enter is a new line",
    host_new_message: "New message from the lead",
    host_deleted: "Note deleted; Ctrl-Z undoes it",
    host_edited: "Note changed; Ctrl-Z undoes it",
    host_nothing_to_undo: "Nothing to undo",
    host_undone: "Undone",
    host_questions: "Questions",
    host_question: "Question {n} of {of}",
    host_new_note: "New note · question {n}",
    host_editing: "editing a note · Enter keeps · Esc cancels · empty deletes",
    host_no_notes: "No notes for this question yet. Type below and press Enter.",
    host_saved: "saved {time}",
    host_no_clock: "no clock from the lead",
    host_clock_waiting: "no block is running now",
    host_clock_left: "{time} left",
    host_clock_over: "{time} over time",
    host_clock_paused: "paused",
    host_clock_stale: "clock not updated for {dur}",
    host_message: "Message",
    host_no_name: "no name",
    host_moved_aside: "The room file {file} could not be used ({why}); it is kept as {aside} and a new one was started.",
    host_not_own_folder: "{dir} is not a plain folder in the session folder (a link?); oogst never writes outside the session folder",
    host_already_open: "{room} is already open in another oogst on this computer ({file})",
    host_left_alone: "{file} is not this room's ({why}); it is left untouched and oogst writes beside it",
    host_took_in: "took in {notes} from the earlier file {file} (left as it is)",
    host_other_session: "programme.json now belongs to session {session}; this host stays with its own session",
    host_no_breakout: "the programme has no breakout with rooms and questions",
    host_questions_changed: "This round's questions changed in the programme; notes stay with their question",
    host_round_gone: "This round is no longer in the programme; its notes stay in their round",
    host_round_moved: "Now round “{round}”: new notes go there (F2: another round)",
    host_round_pending: "Next round: “{round}”; after this note oogst goes there",
    host_programme_without_rounds: "the programme \"{id}\" has no breakout with questions",
    key_browse: "move",
    host_pick_other_placeholder: "name of the room",
    host_cannot_save: "Nothing can be saved: {why}",
    host_cannot_save_ask: "Quit anyway? What is not saved is then lost. y = quit · any other key = stay (oogst keeps trying)",
    host_cannot_save_title: "Not saved",
    host_waiting_title: "Waiting for the programme",
    host_waiting_unreadable: "The programme.json in {dir} cannot be used (yet); oogst looks again every second (the sync engine may still be busy). What is wrong is below.",
    host_waiting_body: "There is no programme.json in {dir} yet. It appears as soon as the lead starts oogst lead --dir, or when the sync engine has copied it. Nothing to do for you.",
    host_pick_title: "Which room are you hosting?",
    host_pick_new: "“{room}”: a room that is not in the programme",
    host_pick_elsewhere: "{room} — in {round}",
    host_pick_other: "Another room…",
    host_pick_other_label: "Name of the room (Enter: go on, Esc: back):",
    host_pick_confirm: "Make a new room “{room}”, not in the programme? y = yes · any other key = back",
    key_pick_room: "choose",
    key_first_last: "to the first / last",
    key_pick_number: "choose that room",
    host_round_now: "now",
    host_round_open: "open",
    key_go_round: "go to that round",
    host_rounds_title: "Rounds",
    key_round: "round",
    host_rescued: "Saving to {file} failed ({error}). Your notes are safe in {rescue}: give that file to the organiser (oogst merge reads it like any room file).",
    host_questions_differ: "The questions in the room file differ from the programme; the file's questions are kept.",
    host_continued: "Continuing {file}: {notes}",
    key_add: "add",
    key_newline: "new line",
    key_question: "question",
    key_select: "pick a note",
    key_edit: "edit",
    key_delete: "delete",
    key_undo: "undo",
    key_deselect: "back to typing",
    key_cancel_edit: "cancel the edit",
    key_page: "10 notes on",
    key_star: "star / unstar the picked note",
    key_star_short: "star",
    key_redo: "redo what Ctrl-Z undid",
    key_undo_help: "undo the last add, edit, delete or star",
    key_done: "signal ‘we are done’ on/off",
    key_done_short: "done",
    key_not_done: "not done",
    key_need_help: "signal ‘we need help’ on/off",
    key_need_help_short: "need help",
    key_no_help: "cancel help",
    key_host_bell: "bell at messages and time on/off",
    key_host_bell_b: "bell on/off, with a note picked",
    host_round_of: "round {n} of {of}",
    host_signal_done: "✔ done",
    host_signal_help: "⚑ help asked",
    host_signalled_done: "The lead now sees that you are done; F3 withdraws it",
    host_signalled_help: "The lead now sees that you need help; F4 withdraws it",
    host_signal_withdrawn: "Signal to the lead withdrawn",
    host_bell_on: "Bell on: a beep at a new message, at 2 minutes left and when time is up",
    host_bell_off: "Bell off: the top of the screen still lights up",
    host_flash_message: "NEW MESSAGE",
    host_flash_two_minutes: "2 MIN LEFT",
    host_flash_time_up: "TIME IS UP",
    host_message_age: "{dur} ago",
    host_message_just_now: "just now",
    host_starred: "★ Key takeaway: “{note}” — Ctrl-Z undoes it",
    host_unstarred: "Star taken away: “{note}” — Ctrl-Z undoes it",
    host_undo_removed: "Note removed: “{note}” — Ctrl-Y puts it back",
    host_undo_restored: "Note back: “{note}” — Ctrl-Y removes it again",
    host_undo_reworded: "Edit undone: “{note}” — Ctrl-Y makes it again",
    host_undo_starred: "Star back: “{note}” — Ctrl-Y takes it away again",
    host_undo_unstarred: "Star taken away: “{note}” — Ctrl-Y puts it back",
    host_redo_removed: "Note removed again: “{note}” — Ctrl-Z puts it back",
    host_redo_restored: "Note back again: “{note}” — Ctrl-Z removes it",
    host_redo_reworded: "Edit made again: “{note}” — Ctrl-Z undoes it",
    host_redo_starred: "Star back again: “{note}” — Ctrl-Z takes it away",
    host_redo_unstarred: "Star taken away again: “{note}” — Ctrl-Z puts it back",
    host_nothing_to_redo: "Nothing to redo",
    crashed: "something went wrong inside oogst. The clock is saved in {dir}; start oogst again to carry on. Please report this, with the message below.",
    quit_title: "Quit?",
    rehearse_hint: "You can always rehearse: oogst lead --at {time} --speed 30",
    replanned_one: "Re-planned: {blocks} block {dur} shorter; r again undoes it",
    cli_about: "Run the agenda clock of a participatory meeting and harvest what its breakout rooms said.",
    cli_about_long: "Run the agenda clock of a participatory meeting and harvest what its breakout rooms said.\n\nWithout a command, oogst opens the lead view on the built-in demo programme.",
    cli_lead: "Run the programme's clock (the lead view)",
    cli_check: "Validate programme, clock, lead-state or room files (or every file in a folder)",
    cli_init: "Write an editable programme: the demo or a template",
    cli_lang: "Language of the interface [default: from LANG / LC_ALL]",
    cli_programme: "Programme file [default: the session folder's programme.json, else the built-in demo]",
    cli_dir: "Session folder shared with the hosts [default: <data dir>/sessions/<programme id>]",
    cli_at: "Rehearse: pretend the wall clock reads HH:MM at start-up",
    cli_speed: "Rehearse: run the clock N times as fast as real time",
    cli_fresh: "Set the saved clock of this session aside and start anew",
    cli_files: "Files and folders to validate",
    cli_file: "Where to write it",
    cli_force: "Overwrite the file if it exists",
    cli_template: "Start from a template instead of the demo: cop-online (online morning with a case and five learning questions), kennisgemeenschap (lecture and a work session per coalition), leren-en-doen (evening at tables, two questions), vakgemeenschap (customer, neighbourhood, organisation, stakeholders), workshop (1-2-4-All and 15% Solutions)",
    cli_value_template: "TEMPLATE",
    cli_help: "Print help",
    cli_version: "Print version",
    cli_usage: "Usage:",
    cli_commands: "Commands",
    cli_options: "Options",
    cli_arguments: "Arguments",
    cli_error: "error:",
    cli_tip: "tip:",
    cli_err_invalid_value: "invalid value '{value}' for '{arg}'",
    cli_err_value_missing: "a value is required for '{arg}' but none was supplied",
    cli_err_unknown_arg: "unexpected argument '{arg}' found",
    cli_err_unknown_command: "unrecognized command '{command}'",
    cli_err_missing: "the following required arguments were not provided:",
    cli_err_conflict: "the argument '{arg}' cannot be used with '{other}'",
    cli_err_twice: "the argument '{arg}' cannot be used more than once",
    cli_err_too_many: "unexpected value '{value}' for '{arg}' found; no more were expected",
    cli_err_other: "the command line is not right",
    cli_similar: "did you mean '{what}'?",
    cli_possible_values: "possible values",
    cli_default: "default",
    cli_more_info: "For more information, try '{help}'.",
    cli_bad_at: "\"{value}\" is not a time of day; write HH:MM, e.g. 10:08",
    cli_bad_speed: "\"{value}\" is not a speed; give a number from 1 to 10000, e.g. 30",
    cli_help_command: "Print this help, or the help of the given command",
    cli_help_which: "The command to get help on",
    cli_usage_top: "oogst [OPTIONS] [COMMAND]",
    cli_usage_lead: "oogst lead [PROGRAMME] [OPTIONS]",
    cli_usage_host: "oogst host [OPTIONS]",
    cli_usage_merge: "oogst merge <PATH>... [OPTIONS]",
    cli_usage_check: "oogst check <FILE>...",
    cli_usage_init: "oogst init [FILE] [OPTIONS]",
    cli_usage_help: "oogst help [COMMAND]",
    cli_usage_watch: "oogst watch [DIR] [OPTIONS]",
    cli_value_dir: "DIR",
    cli_value_file: "FILE",
    cli_value_time: "HH:MM",
    cli_value_room: "ROOM",
    cli_value_name: "NAME",
    cli_value_path: "PATH",
    cli_value_format: "FORMAT",
    cli_value_order: "ORDER",
    cli_value_lang: "LANG",
    cli_value_programme: "PROGRAMME",
    cli_value_command: "COMMAND",
    message_example: "e.g. 5 more minutes",
    next_hint: "n: next block",
    deadline_was: "deadline was {time}",
    key_extend_shorten: "±1 min",
    key_extend: "current block a minute longer",
    key_shorten: "current block a minute shorter",
    key_export_short: "harvest",
    key_resume: "space: resume",
    space: "space",

    duration_minutes: "{m} min",
    duration_hours: "{h} h {m} min",
    date: "{day} {month} {year}",

    check_programme: "programme \"{title}\": {blocks}, {first}–{last}, {breakouts}",
    check_block_one: "block",
    check_blocks: "blocks",
    check_breakout_one: "breakout",
    check_breakouts: "breakouts",
    check_clock: "clock of session {session}: block {block}, written {written}",
    check_room: "room \"{room}\" ({hosts}) of session {session}{round}: {notes}, {deleted} deleted{drafts}",
    check_room_round: ", round {round}",
    check_harvest: "harvest {session}: {rooms}, {notes}",
    check_lead_state: "lead state of session {session} on {day}",
    check_empty_folder: "a folder without .json files",
    check_invalid: "{n} of {total} invalid",

    cli_no_data_dir: "no data folder found for the session; give one with --dir",
    cli_need_name: "give your name once with --name \"Your Name\" (oogst remembers it)",
    init_exists: "{name} already exists; choose another name or overwrite with --force",
    init_wrote: "Wrote {name}. Edit it, validate it with `oogst check {name}`, then run `oogst lead {name}`.",
    lang_code: "en",

    problem_block: "block {n} \"{title}\": ",
    problem_empty: "the file is empty; an oogst file is a JSON object { … }",
    problem_truncated: "the file ends in the middle of the JSON (cut short, or not fully synced?)",
    problem_malformed: "not valid JSON: {detail}",
    problem_bad_stamp: "{path}: {found} is not a time; write RFC 3339 with an offset, year 0001–9999, e.g. \"2021-01-21T11:07:12+01:00\"",
    problem_out_of_range: "{path}: {found} is not allowed; allowed is {allowed}",
    problem_missing: "the field \"{field}\" is missing (version {version} needs it)",
    problem_bad_block_id: "id {id} cannot be a block id; use letters, digits, '-' and '_', e.g. \"round-1\"",
    problem_duplicate_block_id: "id {id} already belongs to another block (case does not count)",
    problem_unknown_field_nearest: "warning: unknown field {field}; did you mean \"{nearest}\"?",
    problem_unknown_field: "warning: unknown field {field} (known: id, kind, title, start, end, minutes, rooms, questions)",
    problem_wrong_format: "this is a {found} file, not \"{expected}\"",
    problem_no_format: "not an oogst file: the field \"format\" is missing (expected \"{expected}\")",
    problem_draft_question: "draft.question: the draft belongs to question {question}, but the file has {questions} questions",
    problem_no_such_question: "note {note} belongs to question {question}, but the file has {questions} questions",
    problem_unknown_format: "unknown format {found}; oogst knows: {known}",
    problem_newer_version_one: "made by a newer oogst: {what} version {found}; this oogst reads version {supported}",
    problem_newer_version_more: "made by a newer oogst: {what} version {found}; this oogst reads up to version {supported}",
    file_kind_programme: "programme file",
    file_kind_clock: "clock file",
    file_kind_room: "room file",
    file_kind_harvest: "harvest file",
    file_kind_lead_state: "lead state file",
    file_kind_other: "{what} file",
    problem_bad_version: "the field \"version\" is missing or not a whole number (write \"version\": 1)",
    problem_bad_id: "id {id} cannot name a folder; use letters, digits, '-', '_' and '.', e.g. \"cop-2021-01-21\"",
    problem_empty_title: "the title is empty",
    problem_bad_date: "date {found} is not a date; write YYYY-MM-DD, e.g. \"2021-01-21\"",
    problem_no_blocks: "the programme has no blocks; \"blocks\" needs at least one",
    problem_unknown_kind: "unknown kind {found}; valid kinds are: {english} (or in Dutch: {dutch})",
    problem_bad_time: "{field} {found} is not a time of day; write HH:MM, e.g. \"09:45\"",
    problem_first_needs_start: "the first block needs a \"start\", e.g. \"start\": \"09:45\"",
    problem_no_length: "the block needs \"minutes\" or \"end\", e.g. \"minutes\": 15",
    problem_zero_minutes: "\"minutes\" is 0; a block lasts at least 1 minute",
    problem_too_long: "\"minutes\" is {minutes}; a block lasts at most a day (1440)",
    problem_length_mismatch: "\"minutes\": {minutes} from {start} does not end at \"end\" {end}; give one of them, or make them agree",
    problem_end_not_after_start: "ends at {end}, not after its start at {start}",
    problem_past_midnight: "{minutes} minutes from {start} runs past midnight; a programme fits within one day",
    problem_overlap: "starts at {start}, before the previous block ends at {previous_end}; start it at {previous_end} or later",
    problem_no_questions: "a breakout needs learning questions: \"questions\": [\"…\"]",
    problem_no_rooms: "a breakout needs rooms: \"rooms\": [\"Kamer 1\", \"Kamer 2\"]",
    problem_empty_question: "question {number} is empty",
    problem_empty_room: "room {number} has no name",
    problem_duplicate_room: "room {name} is listed twice",

    parser_expected: "expected {expected}, found {found}",
    parser_missing_field: "the field \"{field}\" is missing",
    parser_wrong_length: "wrong length {n}",
    parser_text: "text {text}",
    parser_the_number: "the number {number}",
    parser_object: "an object { … }",
    parser_list: "a list [ … ]",
    parser_unsigned: "a whole number of 0 or more",
    parser_integer: "a whole number",
    parser_string: "text in quotes",
    parser_boolean: "true or false",
    parser_expected_value: "a value belongs here (text, number, list or object)",
    parser_comma_or_brace: "a comma or } belongs here",
    parser_comma_or_bracket: "a comma or ] belongs here",
    parser_colon: "a colon : belongs here",
    parser_key_string: "a key must be text in quotes",
    parser_trailing_comma: "a comma just before } or ] does not belong",
    parser_trailing_characters: "there is more after the end of the JSON",
    parser_control_character: "a control character inside text; write \\n, \\t or \\u001b",
    parser_invalid_escape: "invalid \\ escape in text",
    parser_invalid_unicode: "invalid \\u code in text",
    parser_number_out_of_range: "number out of range",
    parser_invalid_number: "invalid number",
    parser_expected_ident: "true, false or null belongs here",
    csv_columns: CSV_COLUMNS_EN,
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

/// Fills `{name}` placeholders in one pass over the template: a value is
/// put in as it is, never searched for placeholders itself (a file called
/// `{file}` stays that name), and a `{…}` with no value stays as written.
/// The `{name}` placeholders of a text (lower-case letters and `_`; a
/// `{ … }` in the text is none), sorted, each once.
fn placeholders(text: &str) -> std::collections::BTreeSet<&str> {
    let mut found = std::collections::BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                found.insert(name);
            }
        }
    }
    found
}

/// The names given must be the template's placeholders, no more and no
/// fewer (checked in debug builds, so the whole test suite checks every
/// call).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    debug_assert!(
        args.iter()
            .all(|(k, _)| template.contains(&format!("{{{k}}}"))),
        "fill: a name given is no placeholder of {template:?}: {args:?}"
    );
    debug_assert!(
        placeholders(template)
            .iter()
            .all(|p| args.iter().any(|(k, _)| k == p)),
        "fill: a placeholder of {template:?} is given no value: {args:?}"
    );
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_locale() {
        assert_eq!(Lang::from_locale("nl_NL.UTF-8"), Lang::Nl);
        assert_eq!(Lang::from_locale("nl_BE"), Lang::Nl);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn durations_and_dates() {
        let m = jiff::SignedDuration::from_mins;
        assert_eq!(Lang::Nl.duration(m(5)), "5 min");
        assert_eq!(Lang::En.duration(-m(5)), "5 min");
        assert_eq!(Lang::Nl.duration(m(65)), "1 u 05 min");
        assert_eq!(Lang::En.duration(m(120)), "2 h 00 min");
        assert_eq!(
            Lang::En.duration(jiff::SignedDuration::from_secs(89)),
            "1 min"
        );
        let d = jiff::civil::date(2021, 1, 21);
        assert_eq!(Lang::Nl.date(d), "21 januari 2021");
        assert_eq!(Lang::En.date(d), "21 January 2021");
    }

    /// Every text has the same placeholders in Dutch and English: a
    /// translation can never drop a value or ask for one nobody fills.
    #[test]
    fn every_text_has_the_same_placeholders_in_both_languages() {
        let nl = serde_json::to_value(&NL).unwrap();
        let en = serde_json::to_value(&EN).unwrap();
        let (nl, en) = (nl.as_object().unwrap(), en.as_object().unwrap());
        assert_eq!(nl.len(), en.len());
        assert!(nl.len() > 100, "the catalogue is read whole");
        // A field is a text, or a list of words (`months`): each word is
        // then compared with the English one in its place.
        let texts = |key: &str, v: &serde_json::Value| -> Vec<String> {
            match v {
                serde_json::Value::String(s) => vec![s.clone()],
                serde_json::Value::Array(words) => words
                    .iter()
                    .map(|w| w.as_str().expect("a list of words").to_string())
                    .collect(),
                other => panic!("{key}: neither a text nor a list of words: {other}"),
            }
        };
        let mut wrong = Vec::new();
        for (key, nl_value) in nl {
            let (nl_texts, en_texts) = (texts(key, nl_value), texts(key, &en[key]));
            assert_eq!(nl_texts.len(), en_texts.len(), "{key}: as many words");
            for (nl_text, en_text) in nl_texts.iter().zip(&en_texts) {
                assert!(!nl_text.is_empty() && !en_text.is_empty(), "{key} is empty");
                if placeholders(nl_text) != placeholders(en_text) {
                    wrong.push(format!("{key}: nl {nl_text:?} / en {en_text:?}"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "placeholders differ:\n{}",
            wrong.join("\n")
        );
        assert_eq!(
            placeholders("{a} {{x}} {room_name} {Niet} {}"),
            ["a", "room_name", "x"].into_iter().collect()
        );
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(
            fill(NL.runs_late, &[("dur", "5 min")]),
            "programma loopt 5 min uit"
        );
        assert_eq!(fill("{a}{a} {b}", &[("a", "x"), ("b", "y")]), "xx y");
        assert_eq!(
            fill("een object { … } {a} {Niet} {{a}}", &[("a", "x")]),
            "een object { … } x {Niet} {x}"
        );
    }

    /// A value is put in once, never read for placeholders: a file named
    /// `{aside}` or a room called `{why}` shows as itself.
    #[test]
    fn fill_leaves_braces_in_values_alone() {
        let filled = fill(
            EN.host_moved_aside,
            &[("file", "{aside}"), ("why", "{file}"), ("aside", "b.json")],
        );
        assert_eq!(
            filled,
            "The room file {aside} could not be used ({file}); it is kept as b.json and a new one was started."
        );
        assert_eq!(
            fill("{file}: {why}", &[("file", "{why}"), ("why", "x")]),
            "{why}: x"
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "no placeholder")]
    fn fill_refuses_a_name_the_template_lacks() {
        fill(EN.runs_late, &[("dur", "5 min"), ("durr", "typo")]);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "given no value")]
    fn fill_refuses_to_leave_a_placeholder_empty() {
        fill(EN.replanned, &[("dur", "5 min")]);
    }

    #[test]
    fn unknown_kind_lists_the_valid_ones_in_both_languages() {
        let kind = ProblemKind::UnknownKind {
            found: "lunch".into(),
        };
        for lang in [Lang::Nl, Lang::En] {
            let s = lang.problem(&kind);
            assert!(
                s.contains("walk-in, plenary, case, questions, breakout, break, closing"),
                "{s}"
            );
            assert!(s.contains("\"lunch\""));
            assert!(
                s.contains("inloop, plenair, casus, vragen, deelsessie, pauze, afsluiting"),
                "{s}"
            );
        }
    }

    #[test]
    fn parser_words_are_said_plainly() {
        let en = |s| Lang::En.parser_words(s);
        let nl = |s| Lang::Nl.parser_words(s);
        assert_eq!(
            en("invalid type: string \"tien\", expected u64"),
            "expected a whole number of 0 or more, found text \"tien\""
        );
        assert_eq!(
            nl("invalid value: integer `-5`, expected u64"),
            "verwacht een geheel getal van 0 of meer, maar hier staat het getal -5"
        );
        assert_eq!(nl("missing field `title`"), "het veld \"title\" ontbreekt");
        assert_eq!(
            en("invalid type: map, expected a string"),
            "expected text in quotes, found an object { … }"
        );
        assert_eq!(en("expected `,` or `}`"), "a comma or } belongs here");
        assert_eq!(en("something new"), "something new");
    }

    #[test]
    fn hostile_text_in_errors_is_made_safe() {
        let p = Problem {
            line_col: None,
            block: Some((1, "a\u{1b}[2Jb".into())),
            kind: ProblemKind::UnknownKind {
                found: "\u{1b}]0;x\u{7}".into(),
            },
        };
        let s = Lang::En.problem_line("f.json", &p);
        assert!(!s.contains('\u{1b}'), "{s}");
    }
}
