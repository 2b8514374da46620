//! Programmes to start from (`oogst init --template NAME`): the meetings
//! this project serves (SPEC §1), in Dutch, as a Dutch facilitator would
//! write them. Each is a valid programme once its date is filled in.

/// One template: its name on the command line and its text, with
/// `{datum}` where the meeting's date goes (in its id and its `date`).
pub struct Template {
    pub name: &'static str,
    text: &'static str,
}

pub const TEMPLATES: [Template; 5] = [
    Template {
        name: "cop-online",
        text: include_str!("../assets/templates/cop-online.json"),
    },
    Template {
        name: "kennisgemeenschap",
        text: include_str!("../assets/templates/kennisgemeenschap.json"),
    },
    Template {
        name: "leren-en-doen",
        text: include_str!("../assets/templates/leren-en-doen.json"),
    },
    Template {
        name: "vakgemeenschap",
        text: include_str!("../assets/templates/vakgemeenschap.json"),
    },
    Template {
        name: "workshop",
        text: include_str!("../assets/templates/workshop.json"),
    },
];

/// The templates' names, in their order.
pub const NAMES: [&str; 5] = {
    let mut names = [""; 5];
    let mut i = 0;
    while i < TEMPLATES.len() {
        names[i] = TEMPLATES[i].name;
        i += 1;
    }
    names
};

/// The template called `name`.
pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

impl Template {
    /// The programme for a meeting on `date`: the template with its date
    /// (and the date in its id, so two meetings have two session folders).
    pub fn text(&self, date: jiff::civil::Date) -> String {
        self.text.replace("{datum}", &date.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::{BlockKind, Programme};

    #[test]
    fn every_template_is_a_valid_programme_with_a_breakout() {
        let date = jiff::civil::date(2026, 11, 30);
        for t in &TEMPLATES {
            let p = Programme::parse(&t.text(date), t.name)
                .unwrap_or_else(|e| panic!("{}: {e:?}", t.name));
            assert_eq!(p.id, format!("{}-2026-11-30", t.name));
            assert_eq!(p.date, Some(date));
            assert!(p.breakout().is_some(), "{}", t.name);
            // Written in Dutch: the Dutch kinds.
            assert!(t.text.contains("\"kind\": \"deelsessie\""), "{}", t.name);
            assert!(!t.text.contains("breakout"), "{}", t.name);
            assert!(p.blocks.iter().all(|b| b.kind != BlockKind::Breakout
                || (!b.rooms.is_empty() && !b.questions.is_empty())));
        }
        assert_eq!(NAMES[0], "cop-online");
        assert!(find("workshop").is_some() && find("demo").is_none());
    }

    #[test]
    fn the_vakgemeenschap_has_the_four_perspectives_as_rooms() {
        let p = Programme::parse(
            &find("vakgemeenschap")
                .unwrap()
                .text(jiff::civil::date(2026, 1, 1)),
            "t",
        )
        .unwrap();
        assert_eq!(
            p.breakout().unwrap().rooms,
            ["Klant", "Wijk", "Organisatie", "Stakeholders"]
        );
    }
}
