//! `[[schedule]]` in `planb.toml`: windows of time in which the edge switches into a mode by
//! itself and back, with no process and no human at 20:55. Each window's `from` and `until` are
//! instants written with their offset (`2026-03-11T20:55:00+01:00`), resolved here into seconds
//! since the epoch, so that each server compares its own clock in UTC and the switch happens at
//! the same instant whatever its time zone (nginx's `$time_iso8601` and Apache's `%{TIME}` are
//! local time: the targets never use them).
//!
//! Inside a window, the edge does the stronger of the window's mode and the one its mode file
//! holds (overflow > landing > normal): a schedule can only add protection, and an overflow
//! switched by hand in an emergency holds through a landing window.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Diagnostic;

/// A window as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWindow {
    mode: Spanned<String>,
    from: Spanned<toml::Value>,
    until: Spanned<toml::Value>,
}

/// The modes a window can switch into: outside every window, the mode file's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ScheduledMode {
    Landing,
    Overflow,
}

impl ScheduledMode {
    pub fn name(self) -> &'static str {
        match self {
            ScheduledMode::Landing => "landing",
            ScheduledMode::Overflow => "overflow",
        }
    }
}

/// A window, resolved: `[from, until)` in seconds since the epoch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub mode: ScheduledMode,
    pub from: i64,
    pub until: i64,
    /// The instants as written, for the configurations' comments and `serve`.
    pub from_text: String,
    pub until_text: String,
}

impl Window {
    /// Whether the instant `t` (seconds since the epoch) is inside the window.
    pub fn holds(&self, t: i64) -> bool {
        self.from <= t && t < self.until
    }
}

/// The windows of `raw`, sorted by start, or a problem for each mistake, at its line.
pub fn resolve(raw: &[RawWindow], source: &str) -> Result<Vec<Window>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut windows: Vec<(Window, usize)> = Vec::new();
    for w in raw {
        let at = |span: std::ops::Range<usize>, message: String| {
            Diagnostic::new(super::FILE_NAME, message).at_offset(source, span.start)
        };
        let mode = match w.mode.get_ref().as_str() {
            "landing" => Some(ScheduledMode::Landing),
            "overflow" => Some(ScheduledMode::Overflow),
            other => {
                problems.push(
                    at(
                        w.mode.span(),
                        format!("`schedule.mode`: `{}` is not a mode a window switches into", other.escape_debug()),
                    )
                    .help("`landing` or `overflow`; outside every window the edge is in its mode file's mode"),
                );
                None
            }
        };
        let from = instant(&w.from).map_err(|m| at(w.from.span(), format!("`schedule.from`: {m}")));
        let until =
            instant(&w.until).map_err(|m| at(w.until.span(), format!("`schedule.until`: {m}")));
        let (from, until) = match (from, until) {
            (Ok(f), Ok(u)) => (f, u),
            (f, u) => {
                problems.extend(f.err());
                problems.extend(u.err());
                continue;
            }
        };
        if from.0 >= until.0 {
            problems.push(at(
                w.until.span(),
                format!(
                    "`schedule.until`: the window ends at {} or before it starts ({})",
                    until.1, from.1
                ),
            ));
            continue;
        }
        if let Some(mode) = mode {
            let offset = w.mode.span().start;
            windows.push((
                Window {
                    mode,
                    from: from.0,
                    until: until.0,
                    from_text: from.1,
                    until_text: until.1,
                },
                offset,
            ));
        }
    }
    windows.sort_by_key(|(w, _)| w.from);
    for pair in windows.windows(2) {
        let ((a, at_a), (b, at_b)) = (&pair[0], &pair[1]);
        let (line_a, line_b) = (line_of(source, *at_a), line_of(source, *at_b));
        if b.from < a.until {
            problems.push(
                Diagnostic::new(
                    super::FILE_NAME,
                    format!(
                        "two windows of [[schedule]] overlap: {} from {} until {} (line {line_a}) and {} from {} until {} (line {line_b})",
                        a.mode.name(),
                        a.from_text,
                        a.until_text,
                        b.mode.name(),
                        b.from_text,
                        b.until_text
                    ),
                )
                .at_offset(source, *at_b)
                .help("make one end when the other starts: `until` is not part of its window"),
            );
        }
    }
    if problems.is_empty() {
        Ok(windows.into_iter().map(|(w, _)| w).collect())
    } else {
        Err(problems)
    }
}

fn line_of(source: &str, offset: usize) -> usize {
    crate::diag::line_col(source, offset).0
}

/// The mode the windows give at `t` (seconds since the epoch), if one holds it.
pub fn mode_at(windows: &[Window], t: i64) -> Option<ScheduledMode> {
    windows.iter().find(|w| w.holds(t)).map(|w| w.mode)
}

/// Seconds since the epoch of an instant written with its offset, and the instant as written.
pub fn parse_instant(text: &str) -> Result<(i64, String), String> {
    instant_of(toml::Value::String(text.to_owned()))
}

fn instant(value: &Spanned<toml::Value>) -> Result<(i64, String), String> {
    instant_of(value.get_ref().clone())
}

fn instant_of(value: toml::Value) -> Result<(i64, String), String> {
    let example = "write it with its offset, e.g. \"2026-03-11T20:55:00+01:00\"";
    let datetime = match value {
        toml::Value::Datetime(d) => d,
        toml::Value::String(s) => s
            .parse::<toml::value::Datetime>()
            .map_err(|_| format!("`{}` is not a date and time: {example}", s.escape_debug()))?,
        other => {
            return Err(format!(
                "a TOML {} is not a date and time: {example}",
                other.type_str()
            ));
        }
    };
    let (Some(date), Some(time), Some(offset)) = (datetime.date, datetime.time, datetime.offset)
    else {
        return Err(format!(
            "`{datetime}` needs a date, a time and an offset, so that every server switches at the same instant whatever its time zone: {example}"
        ));
    };
    let offset_minutes = match offset {
        toml::value::Offset::Z => 0,
        toml::value::Offset::Custom { minutes } => i64::from(minutes),
    };
    let days = days_from_civil(
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    let seconds = days * 86_400
        + i64::from(time.hour) * 3600
        + i64::from(time.minute) * 60
        + i64::from(time.second.unwrap_or(0))
        - offset_minutes * 60;
    Ok((seconds, datetime.to_string()))
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`, which counts from a March-first year so that February comes last).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let year_of_era = y - era * 400;
    let month_from_march = (m + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        schedule: Vec<RawWindow>,
    }

    fn windows(source: &str) -> Result<Vec<Window>, Vec<Diagnostic>> {
        let doc: Doc = toml::from_str(source).unwrap();
        resolve(&doc.schedule, source)
    }

    #[test]
    fn instants_with_any_offset_are_the_same_second() {
        let w = windows(
            "[[schedule]]\nmode = \"landing\"\nfrom = \"2026-03-11T20:55:00+01:00\"\nuntil = 2026-03-11T19:40:00Z\n",
        );
        let e = w.unwrap_err();
        assert!(
            e[0].message
                .contains("ends at 2026-03-11T19:40:00Z or before it starts"),
            "{:?}",
            e[0]
        );
        let w = windows(
            "[[schedule]]\nmode = \"landing\"\nfrom = \"2026-03-11T20:55:00+01:00\"\nuntil = 2026-03-11T21:40:00Z\n",
        )
        .unwrap();
        // `date -d 2026-03-11T19:55:00Z +%s`
        assert_eq!(w[0].from, 1_773_258_900);
        assert_eq!(w[0].until - w[0].from, 6_300);
        assert!(w[0].holds(w[0].from) && !w[0].holds(w[0].until));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn a_time_without_offset_a_wrong_mode_and_an_overlap_are_refused_at_their_line() {
        let e = windows(
            "[[schedule]]\nmode = \"normal\"\nfrom = \"2026-03-11T20:55:00\"\nuntil = \"soon\"\n",
        )
        .unwrap_err();
        assert_eq!(e.len(), 3);
        assert!(
            e[0].message
                .contains("`normal` is not a mode a window switches into")
        );
        assert_eq!(e[0].line, Some(2));
        assert!(
            e[1].message.contains("needs a date, a time and an offset"),
            "{}",
            e[1].message
        );
        assert_eq!(e[1].line, Some(3));
        assert!(e[2].message.contains("`soon` is not a date and time"));
        let e = windows(
            "[[schedule]]\nmode = \"landing\"\nfrom = 5\nuntil = \"2026-03-11T21:40:00Z\"\n",
        )
        .unwrap_err();
        assert!(
            e[0].message
                .contains("`schedule.from`: a TOML integer is not a date and time"),
            "{}",
            e[0].message
        );
        let e = windows(
            "[[schedule]]\nmode = \"landing\"\nfrom = \"2026-03-11T20:55:00+01:00\"\nuntil = \"2026-03-11T21:40:00+01:00\"\n\n\
             [[schedule]]\nmode = \"overflow\"\nfrom = \"2026-03-11T21:30:00+01:00\"\nuntil = \"2026-03-11T22:00:00+01:00\"\n",
        )
        .unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(
            e[0].message.contains("landing from 2026-03-11T20:55:00+01:00 until 2026-03-11T21:40:00+01:00 (line 2) and overflow from 2026-03-11T21:30:00+01:00"),
            "{}",
            e[0].message
        );
        assert_eq!(e[0].line, Some(7));
    }
}
