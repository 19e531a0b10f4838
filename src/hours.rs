//! Opening hours as clinic staff write them (`Mon–Thu 7:00–19:00`, `Sat 8am
//! to noon`), understood well enough for schema.org's `openingHours`; a line
//! that says something else (`By appointment`) is left as text.

use serde::Serialize;

/// One line of a clinic's hours, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningHours {
    /// 0 = Monday.
    pub days: Vec<usize>,
    /// `07:30`.
    pub opens: String,
    pub closes: String,
}

const DAYS: [(&str, &str); 7] = [
    ("Monday", "Mo"),
    ("Tuesday", "Tu"),
    ("Wednesday", "We"),
    ("Thursday", "Th"),
    ("Friday", "Fr"),
    ("Saturday", "Sa"),
    ("Sunday", "Su"),
];

impl OpeningHours {
    /// schema.org's `openingHours` text: `Mo-Th 07:00-19:00`, `Mo,We 09:00-17:00`.
    pub fn short(&self) -> String {
        let d = &self.days;
        let contiguous = d.windows(2).all(|w| w[1] == w[0] + 1);
        let days = if d.len() > 2 && contiguous {
            format!("{}-{}", DAYS[d[0]].1, DAYS[d[d.len() - 1]].1)
        } else {
            d.iter().map(|&i| DAYS[i].1).collect::<Vec<_>>().join(",")
        };
        format!("{days} {}-{}", self.opens, self.closes)
    }

    /// schema.org's `OpeningHoursSpecification`.
    pub fn specification(self) -> Specification {
        Specification {
            kind: "OpeningHoursSpecification",
            closes: self.closes,
            day_of_week: self.days.iter().map(|&i| DAYS[i].0).collect(),
            opens: self.opens,
        }
    }
}

/// An `OpeningHoursSpecification` for JSON-LD; fields in the byte order of
/// their names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Specification {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub closes: String,
    pub day_of_week: Vec<&'static str>,
    pub opens: String,
}

fn day(word: &str) -> Option<usize> {
    let w = word.trim().trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 2 {
        return None;
    }
    DAYS.iter().position(|(name, short)| {
        let name = name.to_ascii_lowercase();
        (w.len() >= 3 && name.starts_with(&w)) || w == short.to_ascii_lowercase()
    })
}

/// `7:30`, `7`, `7:30am`, `6 pm` → `07:30`, `07:00`, `07:30`, `18:00`.
fn time(text: &str) -> Option<String> {
    let t = text.trim().to_ascii_lowercase().replace('.', "");
    let (t, pm) = if let Some(x) = t.strip_suffix("pm") {
        (x.trim().to_string(), Some(true))
    } else if let Some(x) = t.strip_suffix("am") {
        (x.trim().to_string(), Some(false))
    } else {
        (t, None)
    };
    let (h, m) = match t.split_once(':') {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (t.parse::<u32>().ok()?, 0),
    };
    let h = match pm {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    (h <= 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

fn split_range(s: &str) -> Option<(&str, &str)> {
    for sep in ['–', '—', '-'] {
        if let Some(p) = s.split_once(sep) {
            return Some(p);
        }
    }
    s.split_once(" to ")
}

/// A line such as `Mon–Thu 7:00–19:00` or `Sat 8am-noon`; `None` for lines
/// that say more (`Sat 8:00–12:00 (first Saturday)`) or less (`Closed`).
pub fn opening_hours(line: &str) -> Option<OpeningHours> {
    let first_digit = line.find(|c: char| c.is_ascii_digit())?;
    let (days_part, times_part) = line.split_at(first_digit);
    let days_part = days_part.trim().trim_end_matches([':', ',']).trim();
    let mut days = Vec::new();
    for piece in days_part.split([',', '&']).flat_map(|p| p.split(" and ")) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        match split_range(piece) {
            Some((a, b)) => {
                let (a, b) = (day(a)?, day(b)?);
                if b < a {
                    return None;
                }
                days.extend(a..=b);
            }
            None => days.push(day(piece)?),
        }
    }
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    days.dedup();
    let (opens, closes) = split_range(times_part.trim())?;
    let closes = closes.trim();
    let closes = if closes.eq_ignore_ascii_case("noon") {
        "12:00".to_string()
    } else {
        time(closes)?
    };
    Some(OpeningHours {
        days,
        opens: time(opens)?,
        closes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_lines() {
        let h = opening_hours("Mon–Thu 7:00–19:00").unwrap();
        assert_eq!(h.days, [0, 1, 2, 3]);
        assert_eq!(h.short(), "Mo-Th 07:00-19:00");
        assert_eq!(
            opening_hours("Fri 7:30–13:00").unwrap().short(),
            "Fr 07:30-13:00"
        );
        assert_eq!(
            opening_hours("Monday, Wednesday: 9am - 5:30 pm")
                .unwrap()
                .short(),
            "Mo,We 09:00-17:30"
        );
        assert_eq!(
            opening_hours("Sat 8am to noon").unwrap().short(),
            "Sa 08:00-12:00"
        );
        for bad in [
            "Sat 8:00–12:00 (first and third Saturday)",
            "Closed on Sundays",
            "By appointment",
            "Fri–Mon 9:00–17:00",
        ] {
            assert_eq!(opening_hours(bad), None, "{bad}");
        }
    }
}
