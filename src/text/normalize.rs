//! Comparison keys. tralign always keeps the original text and compares derived keys: a folded form
//! (lower case, Latin diacritics removed), a Latin transliteration of Cyrillic (so Лавров ~ Lavrov,
//! Газпром ~ Gazprom), and numbers with their separators normalised (1,000 = 1 000 = 1.000 → 1000;
//! 3,14 = 3.14).

/// Lower-cases and strips the diacritics of Latin letters (cooperación → cooperacion, Müller → muller).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(&mut out, c);
    }
    out
}

fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(base);
}

/// Transliterates Cyrillic to Latin (a simple scheme close to how names are spelled in English
/// texts: Лавров → lavrov, Жанейро → zhaneyro) and folds the rest; output is lower case.
pub fn transliterate(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for c in s.chars() {
        match translit_char(c) {
            Some(t) => out.push_str(t),
            None => push_folded(&mut out, c),
        }
    }
    out
}

/// The Latin spelling of one (Russian/Ukrainian) Cyrillic letter, lower case.
pub fn translit_char(c: char) -> Option<&'static str> {
    let lower = if ('\u{0410}'..='\u{042F}').contains(&c) {
        char::from_u32(c as u32 + 0x20).unwrap_or(c)
    } else if ('\u{0400}'..='\u{040F}').contains(&c) {
        char::from_u32(c as u32 + 0x50).unwrap_or(c)
    } else {
        c
    };
    Some(match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' | 'є' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ґ' => "g",
        _ => return None,
    })
}

/// Whether a char is a Cyrillic letter.
pub fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// The numbers in `s`, normalised: thousands separators (`,` `.` space, NBSP, thin space, `'`)
/// removed when followed by groups of exactly three digits, the decimal mark written `.`.
/// `"1,000 and 1 000 and 1.000.000, 3,14 or 3.14; 26.04.2024"` → `["1000", "1000", "1000000",
/// "3.14", "3.14", "26.04.2024"]` (a run of two-digit groups, as in dates, is kept as written).
pub fn numbers(s: &str) -> Vec<String> {
    // Most sentences hold no digit at all: answer those without decoding the text.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    // Reused for every number of the sentence.
    let mut groups: Vec<String> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if i > 0 && chars[i - 1].is_alphabetic() {
            // Digits glued to letters (G20, COVID-19 is fine, but B2B, 3D keep as words).
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            continue;
        }
        // Collect digit groups and the separators between them.
        groups.clear();
        seps.clear();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            groups.push(chars[start..j].iter().collect());
            if j + 1 < chars.len()
                && matches!(chars[j], ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')
                && chars[j + 1].is_ascii_digit()
            {
                seps.push(chars[j]);
                j += 1;
            } else {
                break;
            }
        }
        i = j;
        match groups.pop() {
            // A plain number (the usual case) is its one group.
            Some(g) if seps.is_empty() => out.push(g),
            Some(g) => {
                groups.push(g);
                out.extend(normalise_groups(&groups, &seps));
            }
            None => {}
        }
    }
    out
}

fn normalise_groups(groups: &[String], seps: &[char]) -> Vec<String> {
    if seps.is_empty() {
        return vec![groups[0].clone()];
    }
    // A date or time-like run (26.04.2024, 12.30): keep as written with dots.
    let all_dots = seps.iter().all(|&c| c == '.');
    if all_dots && groups.len() == 3 && groups[0].len() <= 2 && groups[1].len() == 2 {
        return vec![groups.join(".")];
    }
    let mut out = Vec::new();
    let mut cur = groups[0].clone();
    let mut has_decimal = false;
    for (k, &sep) in seps.iter().enumerate() {
        let g = &groups[k + 1];
        let is_space = matches!(sep, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'');
        let thousands = g.len() == 3 && !has_decimal && (cur.len() <= 3 || is_space || k > 0);
        if thousands && (is_space || seps.len() > 1 || groups[0].len() <= 3) {
            // 1,000 / 1 000 / 1.000 / 1.000.000; a 4+-digit head with `,`/`.` then 3 digits is decimal.
            if groups[0].len() > 3 && !is_space && seps.len() == 1 {
                cur.push('.');
                cur.push_str(g);
                has_decimal = true;
            } else {
                cur.push_str(g);
            }
        } else if !is_space && !has_decimal {
            cur.push('.');
            cur.push_str(g);
            has_decimal = true;
        } else {
            // A space before something that is not a thousands group: two numbers.
            out.push(std::mem::take(&mut cur));
            cur = g.clone();
            has_decimal = false;
        }
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_latin_and_transliterates_cyrillic() {
        assert_eq!(fold("Cooperación Müller"), "cooperacion muller");
        assert_eq!(transliterate("Лавров"), "lavrov");
        assert_eq!(transliterate("Газпром"), "gazprom");
        assert_eq!(transliterate("Рио-де-Жанейро"), "rio-de-zhaneyro");
        assert_eq!(transliterate("БРИКС и Боливия"), "briks i boliviya");
    }

    #[test]
    fn number_separators_are_normalised() {
        assert_eq!(numbers("1,000 and 1 000 and 1.000"), ["1000", "1000", "1000"]);
        assert_eq!(numbers("1.000.000 or 1,000,000"), ["1000000", "1000000"]);
        assert_eq!(numbers("3,14 = 3.14"), ["3.14", "3.14"]);
        assert_eq!(numbers("on 26.04.2024 at 15:50"), ["26.04.2024", "15", "50"]);
        assert_eq!(numbers("G20 and 2024 г."), ["2024"]);
        assert_eq!(numbers("12 345 678 руб."), ["12345678"]);
        assert_eq!(numbers("in 2023, 15 people"), ["2023", "15"]);
    }
}
