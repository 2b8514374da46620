//! What the lead's rooms dashboard shows: one row per room file in the
//! session folder, read again only when a file changed. A file that is
//! missing for a moment or half synced keeps its last good row.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use jiff::Timestamp;

use crate::i18n::Lang;
use crate::room::RoomDoc;

/// One room file, summed up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomRow {
    pub file: String,
    pub room: String,
    pub host: String,
    /// Live notes per question.
    pub counts: Vec<usize>,
    /// When the file last changed on disk (a host's every keystroke
    /// reaches it within a second).
    pub changed: Option<Timestamp>,
    /// Why the file cannot be read, if it cannot.
    pub problem: Option<String>,
}

impl RoomRow {
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// Watches `rooms/` for the dashboard.
#[derive(Default)]
pub struct RoomsWatch {
    seen: BTreeMap<PathBuf, ((SystemTime, u64), RoomRow)>,
}

/// Whether a file in `rooms/` is a room file to show: not a temporary
/// file, not one oogst set aside.
fn is_room_file(name: &str) -> bool {
    !crate::merge::is_temporary(name) && name.ends_with(".json") && !name.contains(".corrupt-")
}

impl RoomsWatch {
    /// Looks at `dir` again; the rows when anything changed.
    pub fn scan(&mut self, dir: &Path, lang: Lang) -> Option<Vec<RoomRow>> {
        let mut changed = false;
        let mut present = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !is_room_file(&name) {
                    continue;
                }
                let path = e.path();
                let Ok(meta) = e.metadata() else { continue };
                let stamp = (
                    meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    meta.len(),
                );
                present.push(path.clone());
                if self.seen.get(&path).is_some_and(|(s, _)| *s == stamp) {
                    continue;
                }
                let mut row = read_row(&path, &name, lang);
                row.changed = Timestamp::try_from(stamp.0).ok();
                if row.problem.is_some()
                    && let Some((_, good)) = self.seen.get(&path)
                {
                    // Half synced or mid-replace: keep what was good.
                    row = RoomRow {
                        problem: row.problem,
                        ..good.clone()
                    };
                }
                self.seen.insert(path, (stamp, row));
                changed = true;
            }
        }
        // A file that went away for good is dropped after it stays away.
        let before = self.seen.len();
        self.seen.retain(|p, _| present.contains(p) || p.exists());
        changed |= self.seen.len() != before;
        changed.then(|| self.rows())
    }

    pub fn rows(&self) -> Vec<RoomRow> {
        let mut rows: Vec<RoomRow> = self.seen.values().map(|(_, r)| r.clone()).collect();
        rows.sort_by(|a, b| {
            natord::compare(&a.room, &b.room)
                .then_with(|| a.host.cmp(&b.host))
                .then_with(|| a.file.cmp(&b.file))
        });
        rows
    }
}

fn read_row(path: &Path, name: &str, lang: Lang) -> RoomRow {
    let parsed = crate::files::read_text(path, crate::files::Links::Refuse, lang)
        .map_err(|e| e.into_message())
        .and_then(|text| RoomDoc::parse(&text, name).map_err(|e| lang.file_error(&e)));
    match parsed {
        Ok(doc) => RoomRow {
            file: name.to_string(),
            counts: (1..=doc.questions.len()).map(|q| doc.count(q)).collect(),
            room: doc.room,
            host: doc.hosts.join(", "),
            changed: None,
            problem: None,
        },
        Err(why) => RoomRow {
            file: name.to_string(),
            room: name.split("--").next().unwrap_or(name).replace('_', " "),
            host: String::new(),
            counts: Vec::new(),
            changed: None,
            problem: Some(why),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room_json(room: &str, host: &str, notes: &[(usize, &str)]) -> Vec<u8> {
        let mut doc = RoomDoc::new("s", "b", room, host, "w", vec!["A".into(), "B".into()]);
        for (q, t) in notes {
            doc.add(*q, t, "2021-01-21T11:00:00+01:00");
        }
        doc.to_json()
    }

    #[test]
    fn rows_count_notes_per_question_and_keep_the_last_good_copy() {
        let dir = tempfile::tempdir().unwrap();
        let mut watch = RoomsWatch::default();
        assert_eq!(watch.scan(dir.path(), Lang::En), None, "nothing yet");
        std::fs::write(
            dir.path().join("Kamer_10--w.json"),
            room_json("Kamer 10", "Bas", &[(1, "x")]),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("Kamer_2--w.json"),
            room_json("Kamer 2", "Anna", &[(1, "a"), (2, "b"), (2, "c")]),
        )
        .unwrap();
        std::fs::write(dir.path().join(".Kamer_2--w.json.x1y2z3"), "half").unwrap();
        std::fs::write(
            dir.path().join("Kamer_3--w.corrupt-20210121T110000.json"),
            "{",
        )
        .unwrap();
        let rows = watch.scan(dir.path(), Lang::En).unwrap();
        let summary: Vec<(String, Vec<usize>)> = rows
            .iter()
            .map(|r| (r.room.clone(), r.counts.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Kamer 2".to_string(), vec![1, 2]),
                ("Kamer 10".to_string(), vec![1, 0])
            ]
        );
        assert!(rows[0].changed.is_some());
        assert_eq!(watch.scan(dir.path(), Lang::En), None, "unchanged");

        // A half-synced file keeps its last good counts, and says so.
        std::fs::write(
            dir.path().join("Kamer_2--w.json"),
            "{\"format\": \"oogst-room\", \"vers",
        )
        .unwrap();
        let rows = watch.scan(dir.path(), Lang::En).unwrap();
        assert_eq!(rows[0].counts, [1, 2]);
        assert!(rows[0].problem.is_some());
    }
}
