//! Colours of the brand: `#rgb`/`#rrggbb` parsed into bytes, and the ink (text colour) that stays
//! readable on it, so marketing may pick any colour without making the buttons unreadable.

/// `#rgb` or `#rrggbb` as three bytes.
pub fn parse_hex_color(color: &str) -> Option<[u8; 3]> {
    let hex = color.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match hex.len() {
        3 => {
            let d: Vec<u8> = hex.bytes().collect();
            let expand = |b: u8| channel(&format!("{0}{0}", b as char));
            Some([expand(d[0])?, expand(d[1])?, expand(d[2])?])
        }
        6 => Some([
            channel(&hex[0..2])?,
            channel(&hex[2..4])?,
            channel(&hex[4..6])?,
        ]),
        _ => None,
    }
}

/// The text colour to put on the brand colour: white or near-black, whichever contrasts more
/// (WCAG relative luminance), so buttons stay readable whatever colour marketing picks.
pub fn ink_for(color: [u8; 3]) -> &'static str {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(color[0]) + 0.7152 * lin(color[1]) + 0.0722 * lin(color[2]);
    let dark = 0.0033_f64; // luminance of #111111
    let against_white = 1.05 / (l + 0.05);
    let against_dark = (l + 0.05) / (dark + 0.05);
    if against_white >= against_dark {
        "#ffffff"
    } else {
        "#111111"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ink_contrasts() {
        assert_eq!(ink_for([0x0b, 0x6e, 0x4f]), "#ffffff");
        assert_eq!(ink_for([0xff, 0xd7, 0x00]), "#111111");
    }
}
