//! A draft checked by the rules of `oogst check`: it is written as the
//! file it would be and read by the programme's own parser, so there is
//! one set of rules. Each problem is put at the block and field it
//! concerns, for the editor to show it there.

use crate::files::{DayTime, Problem, ProblemKind};
use crate::programme::Programme;

use super::Draft;

/// Where a problem is, in the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    Top(Top),
    /// Block `index` (0-based), at `field`.
    Block(usize, Field),
}

/// The programme's own fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Top {
    Id,
    Title,
    Date,
    /// The list of blocks (none, or none left to run).
    Blocks,
    /// The file as a whole (a problem the draft cannot have made).
    File,
}

/// A block's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The block as a whole.
    Block,
    Id,
    Kind,
    Title,
    Start,
    /// Minutes or end.
    Length,
    /// The list of rooms (a breakout without any).
    Rooms,
    Room(usize),
    /// The list of questions.
    Questions,
    Question(usize),
}

/// A problem, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub place: Place,
    pub problem: Problem,
}

/// What checking a draft found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The programme, when the draft is valid.
    pub programme: Option<Programme>,
    pub problems: Vec<Located>,
    /// Per block: its planned start and end where they can be worked out.
    pub times: Vec<Option<(DayTime, DayTime)>>,
    /// The draft as the file it would be.
    pub json: String,
}

impl Checked {
    pub fn is_valid(&self) -> bool {
        self.programme.is_some()
    }

    /// The problems at `place`.
    pub fn at(&self, place: Place) -> impl Iterator<Item = &Located> {
        self.problems.iter().filter(move |l| l.place == place)
    }

    /// The problems of block `i`, wherever in it.
    pub fn of_block(&self, i: usize) -> impl Iterator<Item = &Located> {
        self.problems
            .iter()
            .filter(move |l| matches!(l.place, Place::Block(b, _) if b == i))
    }
}

pub(super) fn check(draft: &Draft, file: &str) -> Checked {
    let json = draft.to_json();
    let parsed = Programme::parse_draft(&json, file);
    let (programme, problems) = match parsed.result {
        Ok(p) => (Some(p), Vec::new()),
        Err(e) => (None, e.problems),
    };
    let problems = problems
        .into_iter()
        .map(|problem| Located {
            place: place_of(draft, &problem),
            problem,
        })
        .collect();
    // A length that is no number yet stops the parser before any time is
    // worked out: the times are those of the draft without it.
    let times = if parsed.times.is_empty() {
        let mut plain = draft.clone();
        for b in &mut plain.blocks {
            if b.minutes().is_none() && b.end().is_none() {
                b.length.clear();
            }
        }
        Programme::parse_draft(&plain.to_json(), file).times
    } else {
        parsed.times
    };
    Checked {
        programme,
        problems,
        times,
        json,
    }
}

/// The field a path like `blocks[2].rooms[1]` is at.
fn place_of_path(path: &str) -> Place {
    let Some(rest) = path.strip_prefix("blocks[") else {
        return Place::Top(match path {
            "id" => Top::Id,
            "title" => Top::Title,
            "date" => Top::Date,
            "blocks" => Top::Blocks,
            _ => Top::File,
        });
    };
    let Some((index, rest)) = rest.split_once(']') else {
        return Place::Top(Top::Blocks);
    };
    let Ok(i) = index.parse::<usize>() else {
        return Place::Top(Top::Blocks);
    };
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let (name, item) = match rest.split_once('[') {
        Some((name, n)) => (name, n.trim_end_matches(']').parse::<usize>().ok()),
        None => (rest, None),
    };
    let field = match (name, item) {
        ("id", _) => Field::Id,
        ("kind", _) => Field::Kind,
        ("title", _) => Field::Title,
        ("start", _) => Field::Start,
        ("end" | "minutes", _) => Field::Length,
        ("rooms", Some(n)) => Field::Room(n),
        ("rooms", None) => Field::Rooms,
        ("questions", Some(n)) => Field::Question(n),
        ("questions", None) => Field::Questions,
        _ => Field::Block,
    };
    Place::Block(i, field)
}

/// Where in `draft` a problem the parser found is.
fn place_of(draft: &Draft, p: &Problem) -> Place {
    use ProblemKind as K;
    let top = |t| Place::Top(t);
    let Some((n, _)) = &p.block else {
        return match &p.kind {
            K::Shape { path, .. } | K::BadStamp { path, .. } | K::OutOfRange { path, .. } => {
                place_of_path(path)
            }
            K::BadId { .. } => top(Top::Id),
            K::EmptyTitle => top(Top::Title),
            K::BadDate { .. } => top(Top::Date),
            K::NoBlocks => top(Top::Blocks),
            _ => top(Top::File),
        };
    };
    let i = n.saturating_sub(1);
    let field = match &p.kind {
        K::Shape { path, .. } => match place_of_path(path) {
            Place::Block(_, f) => f,
            Place::Top(_) => Field::Block,
        },
        K::BadBlockId { .. } | K::DuplicateBlockId { .. } => Field::Id,
        K::UnknownKind { .. } => Field::Kind,
        K::EmptyTitle => Field::Title,
        K::BadTime { field: "start", .. } | K::FirstNeedsStart | K::Overlap { .. } => Field::Start,
        K::BadTime { .. }
        | K::NoLength
        | K::ZeroMinutes
        | K::TooLong { .. }
        | K::LengthMismatch { .. }
        | K::EndNotAfterStart { .. }
        | K::PastMidnight { .. } => Field::Length,
        K::NoQuestions => Field::Questions,
        K::NoRooms => Field::Rooms,
        K::EmptyQuestion { number } => Field::Question(number.saturating_sub(1)),
        K::EmptyRoom { number } => Field::Room(number.saturating_sub(1)),
        K::DuplicateRoom { name } => {
            // The later of the two: the one that repeats an earlier room.
            let rooms = draft
                .blocks
                .get(i)
                .map(|b| b.rooms.as_slice())
                .unwrap_or(&[]);
            let key = crate::room::room_key(name);
            let at = rooms.iter().enumerate().position(|(n, r)| {
                r == name && rooms[..n].iter().any(|o| crate::room::room_key(o) == key)
            });
            at.map_or(Field::Rooms, Field::Room)
        }
        _ => Field::Block,
    };
    Place::Block(i, field)
}
