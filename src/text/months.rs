//! Month names of en, es and ru as their numbers: the one table the numbers check (dates) and the
//! segmenter (a chronology's date labels) read.

/// The number (1–12) of a month name, `w` in lower case: the English and Spanish names, the Russian
/// ones in any case form (`марта`, `сентябре`, `январём`; not `Мартина`). English "may" and
/// "march" are common words too: months only when `capital`.
pub fn month_number(w: &str, capital: bool) -> Option<u8> {
    const EN: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    const RU: [&str; 12] = [
        "январ",
        "феврал",
        "март",
        "апрел",
        "ма",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
    ];
    if let Some(i) = EN.iter().position(|m| *m == w) {
        // "may" and "march" are also common words; only capitalised they are months.
        return (capital || !matches!(w, "may" | "march")).then_some(i as u8 + 1);
    }
    if let Some(i) = ES.iter().position(|m| *m == w) {
        return Some(i as u8 + 1);
    }
    if matches!(w, "май" | "мая" | "мае") {
        return Some(5);
    }
    if w == "setiembre" {
        return Some(9);
    }
    // The stem and a case ending (марта, сентябре, январём), not any word that starts with a
    // month's letters (Мартина, Августин).
    const ENDINGS: [&str; 10] = ["", "ь", "а", "я", "е", "у", "ю", "ом", "ем", "ём"];
    RU.iter()
        .position(|m| *m != "ма" && w.strip_prefix(m).is_some_and(|rest| ENDINGS.contains(&rest)))
        .map(|i| i as u8 + 1)
}
