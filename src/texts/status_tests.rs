//! The built-in status texts, as `lookup` returns them from the language files: every code
//! covered in every language, short, typographically right; reason phrases canonical and ASCII;
//! language tags falling back as documented. (The files' keys are checked in `texts::tests`.)

use super::*;
use crate::statuses::{codes, reason};

const EXPECTED_CODES: &[u16] = &[
    400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
    421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508,
    510, 511,
];

fn all_texts() -> impl Iterator<Item = StatusText<'static>> {
    codes().flat_map(|code| languages().map(move |lang| lookup(code, lang).unwrap()))
}

fn french_texts() -> impl Iterator<Item = (u16, &'static str)> {
    codes().flat_map(|code| {
        let t = lookup(code, "fr").unwrap();
        [(code, t.title), (code, t.text), (code, t.advice)]
    })
}

#[test]
fn covers_exactly_the_expected_codes() {
    assert_eq!(codes().collect::<Vec<_>>(), EXPECTED_CODES);
}

#[test]
fn sorted_without_duplicates() {
    let all: Vec<u16> = codes().collect();
    assert!(all.windows(2).all(|w| w[0] < w[1]), "{all:?}");
}

#[test]
fn every_code_has_texts_in_every_language() {
    for code in codes() {
        for lang in languages() {
            let t = lookup(code, lang).unwrap();
            assert_eq!(t.code, code);
            for s in [t.reason, t.title, t.text, t.advice] {
                assert!(!s.trim().is_empty(), "{code} {lang}: empty text");
                assert_eq!(s, s.trim(), "{code} {lang}: stray whitespace");
                assert!(!s.contains("  "), "{code} {lang}: double space");
            }
        }
        let en = lookup(code, "en").unwrap();
        for lang in languages().filter(|l| *l != "en") {
            let t = lookup(code, lang).unwrap();
            assert_ne!(en.title, t.title, "{code}: {lang} title not translated");
            assert_ne!(en.text, t.text, "{code}: {lang} text not translated");
            assert_ne!(en.advice, t.advice, "{code}: {lang} advice not translated");
        }
    }
}

#[test]
fn texts_are_short() {
    for t in all_texts() {
        let words = t.title.split_whitespace().count();
        assert!(words <= 6, "{}: title too long: {}", t.code, t.title);
        assert!(
            !t.title.ends_with('.'),
            "{}: title ends with a period",
            t.code
        );
        for s in [t.text, t.advice] {
            assert!(
                s.ends_with(['.', '?', '!']),
                "{}: missing final punctuation: {s}",
                t.code
            );
        }
    }
}

#[test]
fn reasons_are_canonical_and_ascii() {
    assert_eq!(reason(413), Some("Content Too Large"));
    assert_eq!(reason(416), Some("Range Not Satisfiable"));
    assert_eq!(reason(422), Some("Unprocessable Content"));
    assert_eq!(reason(503), Some("Service Unavailable"));
    assert_eq!(reason(499), None);
    for code in codes() {
        let r = reason(code).unwrap();
        assert!(
            r.is_ascii(),
            "{code}: reason must be ASCII for status lines"
        );
        assert_eq!(lookup(code, "fr").unwrap().reason, r);
        assert_eq!(lookup(code, "en").unwrap().reason, r);
    }
}

#[test]
fn french_lookup() {
    let fr = lookup(503, "fr").unwrap();
    assert_eq!(fr.title, "Nous revenons très vite");
    for tag in ["fr-FR", "fr_CA", "FR", "Fr-be", " fr "] {
        assert_eq!(lookup(503, tag), Some(fr), "{tag}");
    }
    assert_ne!(lookup(503, "fr-FR"), lookup(503, "en"));
}

#[test]
fn other_languages_fall_back_to_english() {
    let en = lookup(503, "en").unwrap();
    assert_eq!(en.title, "We’ll be right back");
    for tag in ["nl", "en-GB", "", "fry", "french", "x-fr"] {
        assert_eq!(lookup(503, tag), Some(en), "{tag}");
    }
}

#[test]
fn unknown_codes_are_none() {
    assert_eq!(lookup(499, "en"), None);
    assert_eq!(lookup(499, "fr"), None);
    assert_eq!(lookup(200, "en"), None);
    assert_eq!(lookup(599, "en"), None);
    assert_eq!(reason(427), None);
}

#[test]
fn typographic_apostrophes_everywhere() {
    for t in all_texts() {
        for s in [t.title, t.text, t.advice] {
            assert!(!s.contains('\''), "{}: ASCII apostrophe in {s:?}", t.code);
        }
    }
}

#[test]
fn french_high_punctuation_has_non_breaking_space() {
    for (code, s) in french_texts() {
        let chars: Vec<char> = s.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if matches!(c, '?' | '!' | ':' | ';') {
                assert!(
                    i > 0 && chars[i - 1] == '\u{a0}',
                    "{code}: missing U+00A0 before {c:?} in {s:?}"
                );
            }
        }
    }
}

#[test]
fn serializes_to_json_friendly_fields() {
    fn assert_serialize<T: serde::Serialize>(_: &T) {}
    assert_serialize(&lookup(404, "en").unwrap());
}
