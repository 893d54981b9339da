//! The XML parser behind `pyexpat`: a hand-written, incremental, non-validating parser that
//! reports the events expat reports, split the way expat splits them (character data per
//! line, entity and character references separately), with expat's error codes and error
//! positions (the offending character for a bad token, the token start otherwise).
//!
//! Input arrives as bytes; [`Parser::feed`] decodes what is complete into characters, each
//! with its byte offset, and [`Parser::run`] consumes whole tokens only, so a token cut by a
//! chunk boundary waits for the next chunk.

use std::collections::HashMap;

pub(super) const ERR_SYNTAX: u32 = 2;
pub(super) const ERR_NO_ELEMENTS: u32 = 3;
pub(super) const ERR_INVALID_TOKEN: u32 = 4;
pub(super) const ERR_UNCLOSED_TOKEN: u32 = 5;
pub(super) const ERR_PARTIAL_CHAR: u32 = 6;
pub(super) const ERR_TAG_MISMATCH: u32 = 7;
pub(super) const ERR_DUPLICATE_ATTRIBUTE: u32 = 8;
pub(super) const ERR_JUNK_AFTER_DOC_ELEMENT: u32 = 9;
pub(super) const ERR_UNDEFINED_ENTITY: u32 = 11;
pub(super) const ERR_RECURSIVE_ENTITY_REF: u32 = 12;
pub(super) const ERR_BAD_CHAR_REF: u32 = 14;
pub(super) const ERR_MISPLACED_XML_PI: u32 = 17;
pub(super) const ERR_UNCLOSED_CDATA_SECTION: u32 = 20;
pub(super) const ERR_UNBOUND_PREFIX: u32 = 27;
pub(super) const ERR_UNDECLARING_PREFIX: u32 = 28;
pub(super) const ERR_XML_DECL: u32 = 30;
pub(super) const ERR_FINISHED: u32 = 36;
pub(super) const ERR_RESERVED_PREFIX_XML: u32 = 38;
pub(super) const ERR_RESERVED_PREFIX_XMLNS: u32 = 39;

/// Stands for an undecodable byte: not an XML character, so it is an invalid token.
const BAD: char = '\u{FFFF}';
/// Stands for a character cut by the end of the input.
const PARTIAL: char = '\u{FFFE}';
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Pos {
    pub(super) line: usize,
    pub(super) col: usize,
    pub(super) byte: i64,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Enc {
    Utf8,
    Utf16Le,
    Utf16Be,
    Latin1,
    Ascii,
}

/// An element content model (`XML_Content`).
#[derive(Clone, Debug)]
pub(super) struct Model {
    pub(super) ctype: u32,
    pub(super) quant: u32,
    pub(super) name: Option<String>,
    pub(super) children: Vec<Model>,
}

#[derive(Clone, Debug)]
pub(super) enum Ev {
    XmlDecl {
        version: Option<String>,
        encoding: Option<String>,
        standalone: i64,
    },
    StartDoctype {
        name: String,
        sysid: Option<String>,
        pubid: Option<String>,
        internal: bool,
    },
    EndDoctype,
    EntityDecl {
        name: String,
        param: bool,
        value: Option<String>,
        sysid: Option<String>,
        pubid: Option<String>,
        notation: Option<String>,
    },
    NotationDecl {
        name: String,
        sysid: Option<String>,
        pubid: Option<String>,
    },
    AttlistDecl {
        elname: String,
        attname: String,
        atype: String,
        default: Option<String>,
        required: bool,
    },
    ElementDecl {
        name: String,
        model: Model,
    },
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        nspecified: usize,
    },
    End {
        name: String,
    },
    StartNs {
        prefix: Option<String>,
        uri: Option<String>,
    },
    EndNs {
        prefix: Option<String>,
    },
    Chars(String),
    Pi {
        target: String,
        data: String,
    },
    Comment(String),
    StartCdata,
    EndCdata,
    /// Markup with no event of its own (prolog whitespace, doctype pieces).
    Default,
    /// A doctype piece, for the default handler only.
    DoctypePiece,
    Skipped {
        name: String,
    },
    ExternalRef {
        name: String,
        sysid: Option<String>,
        pubid: Option<String>,
    },
}

#[derive(Clone, Debug)]
pub(super) struct Event {
    pub(super) ev: Ev,
    pub(super) pos: Pos,
    pub(super) raw: String,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct XErr {
    pub(super) code: u32,
    pub(super) pos: Pos,
}

#[derive(Clone)]
struct Entity {
    value: Option<String>,
    sysid: Option<String>,
    pubid: Option<String>,
    notation: Option<String>,
}

#[derive(Clone)]
struct AttDef {
    name: String,
    cdata: bool,
    default: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Prolog,
    Content,
    Epilog,
}

pub(super) struct Parser {
    pub(super) enc: Option<Enc>,
    raw: Vec<u8>,
    bytes_in: i64,
    bom_cols: usize,
    /// Decoded characters and the byte offset of each (one extra for the end).
    buf: Vec<char>,
    offs: Vec<i64>,
    pos: usize,
    at: Pos,
    last_cr: bool,
    phase: Phase,
    seen_any: bool,
    seen_doctype: bool,
    pub(super) standalone: i64,
    ext_subset: bool,
    stack: Vec<(String, usize)>,
    bindings: Vec<(Option<String>, Option<String>)>,
    entities: HashMap<String, Entity>,
    pentities: HashMap<String, Entity>,
    attdefs: HashMap<String, Vec<AttDef>>,
    pub(super) ns_sep: Option<Option<char>>,
    pub(super) ns_triplets: bool,
    pub(super) finished: bool,
    pub(super) error: Option<XErr>,
}

type Step<T> = Result<Option<T>, XErr>;

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic()
        || c == '_'
        || c == ':'
        || (c as u32 >= 0x80
            && c != BAD
            && !c.is_whitespace()
            && !c.is_control()
            && !is_punct_sym(c))
}

fn is_punct_sym(c: char) -> bool {
    matches!(c as u32, 0xD7 | 0xF7 | 0x2000..=0x206F | 0xFFF0..=0xFFFF)
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '-' || c == '.' || c == '\u{B7}'
}

fn is_xml_char(c: char) -> bool {
    let u = c as u32;
    u == 9 || u == 10 || u == 13 || (0x20..0xFFFE).contains(&u) || u >= 0x10000
}

impl Parser {
    pub(super) fn new(enc: Option<Enc>, ns_sep: Option<Option<char>>) -> Parser {
        Parser {
            enc,
            raw: Vec::new(),
            bytes_in: 0,
            bom_cols: 0,
            buf: Vec::new(),
            offs: vec![0],
            pos: 0,
            at: Pos {
                line: 1,
                col: 0,
                byte: 0,
            },
            last_cr: false,
            phase: Phase::Prolog,
            seen_any: false,
            seen_doctype: false,
            standalone: -1,
            ext_subset: false,
            stack: Vec::new(),
            bindings: Vec::new(),
            entities: HashMap::new(),
            pentities: HashMap::new(),
            attdefs: HashMap::new(),
            ns_sep,
            ns_triplets: false,
            finished: false,
            error: None,
        }
    }

    pub(super) fn any_input(&self) -> bool {
        self.bytes_in > 0 || !self.raw.is_empty()
    }

    /// Guess the encoding from the first bytes: `Ok(None)` = wait for more, `Err(name)` =
    /// a declared encoding that is not built in.
    pub(super) fn sniff(&self, fin: bool) -> Result<Option<Enc>, String> {
        let r = &self.raw;
        if r.len() < 4 && !fin {
            return Ok(None);
        }
        if r.starts_with(&[0xFE, 0xFF]) || r.starts_with(&[0, 0x3C, 0, 0x3F]) {
            return Ok(Some(Enc::Utf16Be));
        }
        if r.starts_with(&[0xFF, 0xFE]) || r.starts_with(&[0x3C, 0, 0x3F, 0]) {
            return Ok(Some(Enc::Utf16Le));
        }
        if r.starts_with(&[0xEF, 0xBB, 0xBF]) {
            return Ok(Some(Enc::Utf8));
        }
        if r.starts_with(b"<?xml") {
            let Some(end) = r.windows(2).position(|w| w == b"?>") else {
                return if fin { Ok(Some(Enc::Utf8)) } else { Ok(None) };
            };
            let decl = String::from_utf8_lossy(&r[..end]).into_owned();
            if let Some(i) = decl.find("encoding") {
                let rest = decl[i + 8..].trim_start();
                if let Some(rest) = rest.strip_prefix('=') {
                    let rest = rest.trim_start();
                    if let Some(q) = rest.chars().next()
                        && (q == '"' || q == '\'')
                        && let Some(e) = rest[1..].find(q)
                    {
                        let name = &rest[1..1 + e];
                        return match builtin_encoding(name) {
                            Some(Enc::Utf16Le | Enc::Utf16Be) => Ok(Some(Enc::Utf8)),
                            Some(e) => Ok(Some(e)),
                            None => Err(name.to_string()),
                        };
                    }
                }
            }
        }
        Ok(Some(Enc::Utf8))
    }

    /// Add bytes, decoding every complete character with `table` for single-byte codecs.
    pub(super) fn feed(&mut self, data: &[u8], table: Option<&[char; 256]>, fin: bool) {
        self.raw.extend_from_slice(data);
        let Some(enc) = self.enc else { return };
        let raw = std::mem::take(&mut self.raw);
        let mut i = 0;
        let base = self.bytes_in;
        let push = |p: &mut Parser, c: char, end: usize| {
            p.buf.push(c);
            p.offs.push(base + end as i64);
        };
        if self.bytes_in == 0 && self.buf.is_empty() {
            // a byte order mark is skipped
            match enc {
                Enc::Utf8 if raw.starts_with(&[0xEF, 0xBB, 0xBF]) => i = 3,
                Enc::Utf16Le if raw.starts_with(&[0xFF, 0xFE]) => {
                    i = 2;
                    self.bom_cols = 1;
                }
                Enc::Utf16Be if raw.starts_with(&[0xFE, 0xFF]) => {
                    i = 2;
                    self.bom_cols = 1;
                }
                _ => {}
            }
            if i > 0 {
                self.offs[0] = i as i64;
                self.at.byte = i as i64;
                self.at.col = self.bom_cols;
            }
        }
        while i < raw.len() {
            match enc {
                Enc::Latin1 => {
                    let c = char::from(raw[i]);
                    i += 1;
                    push(self, table.map_or(c, |t| t[usize::from(raw[i - 1])]), i);
                }
                Enc::Ascii => {
                    let b = raw[i];
                    i += 1;
                    push(self, if b < 0x80 { char::from(b) } else { BAD }, i);
                }
                Enc::Utf8 => {
                    let b = raw[i];
                    let n = match b {
                        0..=0x7F => 1,
                        0xC2..=0xDF => 2,
                        0xE0..=0xEF => 3,
                        0xF0..=0xF4 => 4,
                        _ => 0,
                    };
                    if n == 0 {
                        i += 1;
                        push(self, BAD, i);
                        continue;
                    }
                    if i + n > raw.len() {
                        if fin {
                            i = raw.len();
                            push(self, PARTIAL, i);
                        }
                        break;
                    }
                    match std::str::from_utf8(&raw[i..i + n])
                        .ok()
                        .and_then(|s| s.chars().next())
                    {
                        Some(c) => {
                            i += n;
                            push(self, c, i);
                        }
                        None => {
                            i += 1;
                            push(self, BAD, i);
                        }
                    }
                }
                Enc::Utf16Le | Enc::Utf16Be => {
                    let unit = |j: usize| -> Option<u16> {
                        let (a, b) = (*raw.get(j)?, *raw.get(j + 1)?);
                        Some(if enc == Enc::Utf16Le {
                            u16::from_le_bytes([a, b])
                        } else {
                            u16::from_be_bytes([a, b])
                        })
                    };
                    let Some(u) = unit(i) else {
                        if fin {
                            i = raw.len();
                            push(self, PARTIAL, i);
                        }
                        break;
                    };
                    if (0xD800..0xDC00).contains(&u) {
                        let Some(l) = unit(i + 2) else {
                            if fin {
                                i = raw.len();
                                push(self, BAD, i);
                            }
                            break;
                        };
                        i += 4;
                        if (0xDC00..0xE000).contains(&l) {
                            let c =
                                0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(l) - 0xDC00);
                            push(self, char::from_u32(c).unwrap_or(BAD), i);
                        } else {
                            push(self, BAD, i);
                        }
                    } else {
                        i += 2;
                        push(self, char::from_u32(u32::from(u)).unwrap_or(BAD), i);
                    }
                }
            }
        }
        self.bytes_in = base + i as i64;
        self.raw = raw[i..].to_vec();
    }

    fn c(&self, i: usize) -> Option<char> {
        self.buf.get(i).copied()
    }

    fn starts(&self, i: usize, s: &str) -> Option<bool> {
        // Some(true) match, Some(false) no match, None = not enough input to tell
        let mut j = i;
        for ch in s.chars() {
            match self.c(j) {
                None => return None,
                Some(c) if c != ch => return Some(false),
                _ => j += 1,
            }
        }
        Some(true)
    }

    /// The position of character `i` (at or after the current position).
    pub(super) fn pos_of(&self, i: usize) -> Pos {
        let mut p = self.at;
        let mut cr = self.last_cr;
        let end = i.min(self.buf.len());
        for k in self.pos..end {
            let c = self.buf[k];
            if c == '\n' {
                if !cr {
                    p.line += 1;
                    p.col = 0;
                }
                cr = false;
            } else if c == '\r' {
                p.line += 1;
                p.col = 0;
                cr = true;
            } else {
                p.col += 1;
                cr = false;
            }
        }
        p.byte = self.offs.get(end).copied().unwrap_or(self.bytes_in);
        p
    }

    fn advance(&mut self, to: usize) {
        let p = self.pos_of(to);
        let to = to.min(self.buf.len());
        if to > self.pos {
            self.last_cr = self.buf[to - 1] == '\r';
        }
        self.at = p;
        self.pos = to;
    }

    fn err<T>(&self, code: u32, i: usize) -> Result<T, XErr> {
        let code = if code == ERR_INVALID_TOKEN && self.c(i) == Some(PARTIAL) {
            ERR_PARTIAL_CHAR
        } else {
            code
        };
        Err(XErr {
            code,
            pos: self.pos_of(i),
        })
    }

    pub(super) fn cur(&self) -> Pos {
        self.at
    }

    fn text(&self, a: usize, b: usize) -> String {
        self.buf[a..b.min(self.buf.len())].iter().collect()
    }

    /// Normalise line ends in text taken from the document.
    fn norm(s: &str) -> String {
        s.replace("\r\n", "\n").replace('\r', "\n")
    }

    /// Parse every complete token; at `fin`, report what is left unfinished.
    pub(super) fn run(&mut self, fin: bool, out: &mut Vec<Event>) -> Result<(), XErr> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.finished {
            return Err(XErr {
                code: ERR_FINISHED,
                pos: self.at,
            });
        }
        let r = self.run_inner(fin, out);
        if let Err(e) = r {
            self.error = Some(e);
        } else if fin {
            self.finished = true;
        }
        r
    }

    fn run_inner(&mut self, fin: bool, out: &mut Vec<Event>) -> Result<(), XErr> {
        loop {
            let p = self.pos;
            let Some(c) = self.c(p) else {
                if fin && self.phase != Phase::Epilog {
                    let mut e = self.pos_of(p);
                    if !self.any_input_decoded() {
                        e.byte = -1;
                    }
                    return Err(XErr {
                        code: ERR_NO_ELEMENTS,
                        pos: e,
                    });
                }
                return Ok(());
            };
            let first = !self.seen_any;
            let mut evs = Vec::new();
            let step = match self.phase {
                Phase::Content => {
                    if c == '<' {
                        self.markup(p, fin, &mut evs)
                    } else if c == '&' {
                        self.reference(p, &mut evs)
                    } else {
                        self.chardata(p, fin, &mut evs)
                    }
                }
                Phase::Prolog | Phase::Epilog => {
                    if is_ws(c) {
                        let mut j = p;
                        while self.c(j).is_some_and(is_ws) {
                            j += 1;
                        }
                        evs.push(Event {
                            ev: Ev::Default,
                            pos: self.pos_of(p),
                            raw: Self::norm(&self.text(p, j)),
                        });
                        Ok(Some(j))
                    } else if c == '<' {
                        self.prolog_markup(p, fin, first, &mut evs)
                    } else if matches!(c, '/' | '&' | ';' | '=' | '!' | '?') || c == BAD {
                        self.err(ERR_INVALID_TOKEN, p)
                    } else if self.phase == Phase::Epilog {
                        self.err(ERR_JUNK_AFTER_DOC_ELEMENT, p)
                    } else if !is_xml_char(c) {
                        self.err(ERR_INVALID_TOKEN, p)
                    } else if ((c == '"' || c == '\'') && !self.buf[p + 1..].contains(&c))
                        || (c == '#' && self.buf[p + 1..].iter().all(|&x| is_name_char(x)))
                    {
                        self.err(ERR_UNCLOSED_TOKEN, p)
                    } else {
                        self.err(ERR_SYNTAX, p)
                    }
                }
            };
            match step {
                Ok(Some(next)) => {
                    out.extend(evs);
                    self.seen_any = true;
                    self.advance(next);
                }
                Ok(None) => {
                    if fin {
                        return self.unfinished(p);
                    }
                    return Ok(());
                }
                Err(e) => {
                    // events before the error inside this token are still reported
                    out.extend(evs);
                    return Err(e);
                }
            }
        }
    }

    fn any_input_decoded(&self) -> bool {
        !self.buf.is_empty() || self.offs[0] > 0
    }

    fn unfinished(&self, p: usize) -> Result<(), XErr> {
        if self.phase == Phase::Prolog && self.starts(p, "<!DOCTYPE") == Some(true) {
            return self.doctype_unfinished(p);
        }
        if self.starts(p, "<![CDATA[") == Some(true) && self.phase == Phase::Content {
            let mut e = self.buf.len();
            while e > p + 9 && self.buf[e - 1] == ']' && self.buf.len() - e < 2 {
                e -= 1;
            }
            return self.err(ERR_UNCLOSED_CDATA_SECTION, e);
        }
        if self.buf[p..].contains(&BAD) {
            let i = p + self.buf[p..].iter().position(|&c| c == BAD).unwrap_or(0);
            if i + 1 == self.buf.len() {
                return self.err(ERR_PARTIAL_CHAR, p);
            }
        }
        self.err(ERR_UNCLOSED_TOKEN, p)
    }

    /// A document type declaration cut by the end of the input: expat tokenizes it piece
    /// by piece, so the input ends between tokens (no element found, at the end) or inside
    /// one (unclosed token, at its start).
    fn doctype_unfinished(&self, p: usize) -> Result<(), XErr> {
        let n = self.buf.len();
        if p + 9 >= n {
            return self.err(ERR_UNCLOSED_TOKEN, p);
        }
        let mut i = p + 9;
        loop {
            i = self.skip_ws(i);
            let Some(c) = self.c(i) else {
                return self.err(ERR_NO_ELEMENTS, n);
            };
            match c {
                '"' | '\'' => match self.buf[i + 1..].iter().position(|&x| x == c) {
                    Some(k) => i += k + 2,
                    None => return self.err(ERR_UNCLOSED_TOKEN, i),
                },
                '<' => {
                    let close = if self.starts(i, "<!--") == Some(true) {
                        Some("-->")
                    } else if self.c(i + 1) == Some('?') {
                        Some("?>")
                    } else {
                        None
                    };
                    match close {
                        Some(cl) => {
                            let mut k = i + 2;
                            loop {
                                match self.starts(k, cl) {
                                    Some(true) => break,
                                    Some(false) => k += 1,
                                    None => return self.err(ERR_UNCLOSED_TOKEN, i),
                                }
                            }
                            i = k + cl.len();
                        }
                        None => {
                            let mut k = i + 2;
                            while self.c(k).is_some_and(|x| x.is_ascii_alphabetic()) {
                                k += 1;
                            }
                            if k >= n {
                                return self.err(ERR_UNCLOSED_TOKEN, i);
                            }
                            i = k;
                        }
                    }
                }
                '%' | '&' => match self.buf[i..].iter().position(|&x| x == ';') {
                    Some(k) => i += k + 1,
                    None => return self.err(ERR_UNCLOSED_TOKEN, i),
                },
                c if is_name_char(c) || c == '#' => {
                    while self.c(i).is_some_and(|x| is_name_char(x) || x == '#') {
                        i += 1;
                    }
                }
                _ => i += 1,
            }
        }
    }

    fn chardata(&mut self, p: usize, fin: bool, evs: &mut Vec<Event>) -> Step<usize> {
        let c = self.buf[p];
        if c == '\n' || c == '\r' {
            let mut j = p + 1;
            if c == '\r' {
                match self.c(j) {
                    Some('\n') => j += 1,
                    None if !fin => return Ok(None),
                    _ => {}
                }
            }
            evs.push(Event {
                ev: Ev::Chars("\n".into()),
                pos: self.pos_of(p),
                raw: "\n".into(),
            });
            return Ok(Some(j));
        }
        let mut j = p;
        while let Some(c) = self.c(j) {
            if c == '<' || c == '&' || c == '\n' || c == '\r' {
                break;
            }
            if c == BAD || !is_xml_char(c) {
                if j > p {
                    break;
                }
                return self.err(ERR_INVALID_TOKEN, j);
            }
            if c == ']' && self.starts(j, "]]>") == Some(true) {
                return self.err(ERR_INVALID_TOKEN, j + 2);
            }
            j += 1;
        }
        let s = self.text(p, j);
        let _ = fin;
        evs.push(Event {
            ev: Ev::Chars(s.clone()),
            pos: self.pos_of(p),
            raw: s,
        });
        Ok(Some(j))
    }

    fn name(&self, i: usize) -> Step<usize> {
        match self.c(i) {
            None => Ok(None),
            Some(c) if is_name_start(c) => {
                let ns = self.ns_sep.is_some();
                if ns && c == ':' {
                    return self.err(ERR_INVALID_TOKEN, i);
                }
                let mut colon = false;
                let mut j = i + 1;
                while let Some(c) = self.c(j) {
                    if !is_name_char(c) {
                        if ns && self.buf[j - 1] == ':' {
                            return self.err(ERR_INVALID_TOKEN, j);
                        }
                        return Ok(Some(j));
                    }
                    if ns && c == ':' {
                        if colon {
                            return self.err(ERR_INVALID_TOKEN, j);
                        }
                        colon = true;
                    }
                    j += 1;
                }
                Ok(None)
            }
            Some(_) => self.err(ERR_INVALID_TOKEN, i),
        }
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while self.c(i).is_some_and(is_ws) {
            i += 1;
        }
        i
    }

    /// `&...;` in content.
    fn reference(&mut self, p: usize, evs: &mut Vec<Event>) -> Step<usize> {
        let Some((end, r)) = self.parse_ref(p)? else {
            return Ok(None);
        };
        let pos = self.pos_of(p);
        let raw = self.text(p, end);
        match r {
            Ref::Char(c) => evs.push(Event {
                ev: Ev::Chars(c.to_string()),
                pos,
                raw,
            }),
            Ref::Name(n) => {
                if let Some(c) = predefined(&n) {
                    evs.push(Event {
                        ev: Ev::Chars(c.to_string()),
                        pos,
                        raw,
                    });
                } else if let Some(e) = self.entities.get(&n).cloned() {
                    match e.value {
                        Some(v) => {
                            let mut seen = vec![n.clone()];
                            let mut pieces = Vec::new();
                            self.expand_pieces(&v, &mut seen, p, &mut pieces)?;
                            for piece in pieces {
                                evs.push(Event {
                                    ev: Ev::Chars(piece.clone()),
                                    pos,
                                    raw: raw.clone(),
                                });
                            }
                        }
                        None => {
                            if e.notation.is_some() {
                                return self.err(15, p);
                            }
                            evs.push(Event {
                                ev: Ev::ExternalRef {
                                    name: n,
                                    sysid: e.sysid,
                                    pubid: e.pubid,
                                },
                                pos,
                                raw,
                            });
                        }
                    }
                } else if self.ext_subset && self.standalone != 1 {
                    evs.push(Event {
                        ev: Ev::Skipped { name: n },
                        pos,
                        raw,
                    });
                } else {
                    return self.err(ERR_UNDEFINED_ENTITY, p);
                }
            }
        }
        Ok(Some(end))
    }

    fn parse_ref(&self, p: usize) -> Step<(usize, Ref)> {
        let i = p + 1;
        match self.c(i) {
            None => Ok(None),
            Some('#') => {
                let (hex, mut j) = match self.c(i + 1) {
                    None => return Ok(None),
                    Some('x') => (true, i + 2),
                    Some(_) => (false, i + 1),
                };
                let start = j;
                let mut v: u32 = 0;
                loop {
                    match self.c(j) {
                        None => return Ok(None),
                        Some(';') if j > start => break,
                        Some(c) => {
                            let d = if hex { c.to_digit(16) } else { c.to_digit(10) };
                            match d {
                                Some(d) if c.is_ascii() => {
                                    v = v
                                        .saturating_mul(if hex { 16 } else { 10 })
                                        .saturating_add(d)
                                }
                                _ => return self.err(ERR_INVALID_TOKEN, j),
                            }
                        }
                    }
                    j += 1;
                }
                match char::from_u32(v) {
                    Some(c) if is_xml_char(c) => Ok(Some((j + 1, Ref::Char(c)))),
                    _ => self.err(ERR_BAD_CHAR_REF, p),
                }
            }
            Some(_) => {
                let Some(j) = self.name(i)? else {
                    return Ok(None);
                };
                match self.c(j) {
                    None => Ok(None),
                    Some(';') => Ok(Some((j + 1, Ref::Name(self.text(i, j))))),
                    Some(_) => self.err(ERR_INVALID_TOKEN, j),
                }
            }
        }
    }

    /// The replacement text of an internal entity, references expanded (text only).
    fn expand(&self, v: &str, seen: &mut Vec<String>, at: usize) -> Result<String, XErr> {
        let mut out = String::new();
        let mut rest = v;
        while let Some(k) = rest.find('&') {
            out.push_str(&rest[..k]);
            rest = &rest[k + 1..];
            let Some(e) = rest.find(';') else {
                out.push('&');
                continue;
            };
            let name = &rest[..e];
            rest = &rest[e + 1..];
            if let Some(c) = predefined(name) {
                out.push(c);
            } else if let Some(ent) = self.entities.get(name) {
                if seen.iter().any(|s| s == name) {
                    return self.err(ERR_RECURSIVE_ENTITY_REF, at);
                }
                if let Some(val) = &ent.value {
                    seen.push(name.to_string());
                    let t = self.expand(val, seen, at)?;
                    seen.pop();
                    out.push_str(&t);
                }
            } else {
                return self.err(ERR_UNDEFINED_ENTITY, at);
            }
        }
        out.push_str(rest);
        Ok(out)
    }

    /// Content replacement text as expat reports it: text per line, each reference apart.
    fn expand_pieces(
        &self,
        v: &str,
        seen: &mut Vec<String>,
        at: usize,
        out: &mut Vec<String>,
    ) -> Result<(), XErr> {
        let mut rest = v;
        while let Some(k) = rest.find('&') {
            out.extend(split_lines(&rest[..k]));
            rest = &rest[k + 1..];
            let Some(e) = rest.find(';') else {
                out.push("&".into());
                continue;
            };
            let name = &rest[..e];
            rest = &rest[e + 1..];
            if let Some(c) = predefined(name) {
                out.push(c.to_string());
            } else if let Some(num) = name.strip_prefix('#') {
                let val = match num.strip_prefix('x') {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                match val.and_then(char::from_u32).filter(|c| is_xml_char(*c)) {
                    Some(c) => out.push(c.to_string()),
                    None => return self.err(ERR_BAD_CHAR_REF, at),
                }
            } else if let Some(ent) = self.entities.get(name) {
                if seen.iter().any(|s| s == name) {
                    return self.err(ERR_RECURSIVE_ENTITY_REF, at);
                }
                if let Some(val) = &ent.value {
                    seen.push(name.to_string());
                    self.expand_pieces(val, seen, at, out)?;
                    seen.pop();
                }
            } else {
                return self.err(ERR_UNDEFINED_ENTITY, at);
            }
        }
        out.extend(split_lines(rest));
        Ok(())
    }

    fn markup(&mut self, p: usize, fin: bool, evs: &mut Vec<Event>) -> Step<usize> {
        match self.c(p + 1) {
            None => Ok(None),
            Some('/') => self.end_tag(p, evs),
            Some('?') => self.pi(p, false, evs),
            Some('!') => match self.starts(p, "<!--") {
                Some(true) => self.comment(p, evs),
                None => Ok(None),
                Some(false) => match self.starts(p, "<![CDATA[") {
                    Some(true) => self.cdata(p, fin, evs),
                    None => Ok(None),
                    Some(false) => self.err(ERR_INVALID_TOKEN, p + 2),
                },
            },
            Some(_) => self.start_tag(p, evs),
        }
    }

    fn prolog_markup(
        &mut self,
        p: usize,
        fin: bool,
        first: bool,
        evs: &mut Vec<Event>,
    ) -> Step<usize> {
        let _ = fin;
        match self.c(p + 1) {
            None => Ok(None),
            Some('?') => self.pi(p, first, evs),
            Some('!') => match self.starts(p, "<!--") {
                Some(true) => self.comment(p, evs),
                None => Ok(None),
                Some(false) if self.c(p + 2) == Some('-') => self.err(ERR_INVALID_TOKEN, p + 3),
                Some(false) => match self.starts(p, "<!DOCTYPE") {
                    None => Ok(None),
                    Some(false) if self.buf[p + 2..].iter().all(|x| x.is_ascii_alphabetic()) => {
                        Ok(None)
                    }
                    Some(true) if self.phase == Phase::Prolog && !self.seen_doctype => {
                        self.doctype(p, evs)
                    }
                    _ => self.err(
                        if self.phase == Phase::Epilog {
                            ERR_JUNK_AFTER_DOC_ELEMENT
                        } else {
                            ERR_SYNTAX
                        },
                        p,
                    ),
                },
            },
            Some(_) if self.phase == Phase::Epilog => self.err(ERR_JUNK_AFTER_DOC_ELEMENT, p),
            Some(_) => self.start_tag(p, evs),
        }
    }

    fn comment(&mut self, p: usize, evs: &mut Vec<Event>) -> Step<usize> {
        let mut j = p + 4;
        loop {
            match self.c(j) {
                None => return Ok(None),
                Some('-') => match self.c(j + 1) {
                    None => return Ok(None),
                    Some('-') => match self.c(j + 2) {
                        None => return Ok(None),
                        Some('>') => break,
                        Some(_) => return self.err(ERR_INVALID_TOKEN, j + 2),
                    },
                    Some(_) => j += 1,
                },
                Some(c) if c == BAD || !is_xml_char(c) => return self.err(ERR_INVALID_TOKEN, j),
                Some(_) => j += 1,
            }
        }
        let body = Self::norm(&self.text(p + 4, j));
        evs.push(Event {
            ev: Ev::Comment(body),
            pos: self.pos_of(p),
            raw: self.text(p, j + 3),
        });
        Ok(Some(j + 3))
    }

    fn pi(&mut self, p: usize, first: bool, evs: &mut Vec<Event>) -> Step<usize> {
        let Some(t_end) = self.name(p + 2)? else {
            return Ok(None);
        };
        let target = self.text(p + 2, t_end);
        let mut j = t_end;
        let data_start;
        match self.c(j) {
            None => return Ok(None),
            Some('?') => {
                data_start = j;
            }
            Some(c) if is_ws(c) => {
                j = self.skip_ws(j);
                data_start = j;
            }
            Some(_) => return self.err(ERR_INVALID_TOKEN, j),
        }
        loop {
            match self.c(j) {
                None => return Ok(None),
                Some('?') => match self.c(j + 1) {
                    None => return Ok(None),
                    Some('>') => break,
                    Some(_) => j += 1,
                },
                Some(c) if c == BAD || !is_xml_char(c) => return self.err(ERR_INVALID_TOKEN, j),
                Some(_) => j += 1,
            }
        }
        let end = j + 2;
        let raw = self.text(p, end);
        if target == "xml" {
            if !first {
                return self.err(ERR_MISPLACED_XML_PI, p);
            }
            return self
                .xml_decl(p, data_start, j, raw, evs)
                .map(|()| Some(end));
        }
        if target.eq_ignore_ascii_case("xml") {
            return self.err(ERR_INVALID_TOKEN, p + 2);
        }
        evs.push(Event {
            ev: Ev::Pi {
                target,
                data: Self::norm(&self.text(data_start, j)),
            },
            pos: self.pos_of(p),
            raw,
        });
        Ok(Some(end))
    }

    fn xml_decl(
        &mut self,
        p: usize,
        a: usize,
        b: usize,
        raw: String,
        evs: &mut Vec<Event>,
    ) -> Result<(), XErr> {
        let body = self.text(a, b);
        let mut version = None;
        let mut encoding = None;
        let mut standalone = -1;
        let mut rest = body.trim_start();
        let bad = |s: &Parser| s.err::<()>(ERR_XML_DECL, p);
        let mut k = 0;
        while !rest.is_empty() {
            let Some(eq) = rest.find('=') else {
                return bad(self);
            };
            let name = rest[..eq].trim_end();
            let v = rest[eq + 1..].trim_start();
            let Some(q) = v.chars().next().filter(|q| *q == '"' || *q == '\'') else {
                return bad(self);
            };
            let Some(e) = v[1..].find(q) else {
                return bad(self);
            };
            let val = v[1..1 + e].to_string();
            rest = &v[1 + e + 1..];
            if !rest.is_empty() && !rest.starts_with(is_ws) {
                return bad(self);
            }
            rest = rest.trim_start();
            match (name, k) {
                ("version", 0) => version = Some(val),
                ("encoding", 1) if version.is_some() => {
                    encoding = Some(val);
                }
                ("standalone", _) if version.is_some() && k <= 2 => {
                    standalone = match val.as_str() {
                        "yes" => 1,
                        "no" => 0,
                        _ => return bad(self),
                    };
                    k = 2;
                }
                _ => return bad(self),
            }
            k += 1;
        }
        if version.is_none() {
            return bad(self);
        }
        self.standalone = standalone;
        evs.push(Event {
            ev: Ev::XmlDecl {
                version,
                encoding,
                standalone,
            },
            pos: self.pos_of(p),
            raw,
        });
        Ok(())
    }

    fn cdata(&mut self, p: usize, fin: bool, evs: &mut Vec<Event>) -> Step<usize> {
        let _ = fin;
        let a = p + 9;
        let mut j = a;
        loop {
            match self.c(j) {
                None => return Ok(None),
                Some(']') if self.starts(j, "]]>") == Some(true) => break,
                Some(']') if self.starts(j, "]]>").is_none() => return Ok(None),
                Some(c) if c == BAD || !is_xml_char(c) => return self.err(ERR_INVALID_TOKEN, j),
                Some(_) => j += 1,
            }
        }
        evs.push(Event {
            ev: Ev::StartCdata,
            pos: self.pos_of(p),
            raw: "<![CDATA[".into(),
        });
        // split as expat does: per line, each line end reported as "\n"
        let mut k = a;
        while k < j {
            let c = self.buf[k];
            if c == '\n' || c == '\r' {
                let mut e = k + 1;
                if c == '\r' && self.c(e) == Some('\n') {
                    e += 1;
                }
                evs.push(Event {
                    ev: Ev::Chars("\n".into()),
                    pos: self.pos_of(k),
                    raw: "\n".into(),
                });
                k = e;
            } else {
                let mut e = k;
                while e < j && self.buf[e] != '\n' && self.buf[e] != '\r' {
                    e += 1;
                }
                let s = self.text(k, e);
                evs.push(Event {
                    ev: Ev::Chars(s.clone()),
                    pos: self.pos_of(k),
                    raw: s,
                });
                k = e;
            }
        }
        evs.push(Event {
            ev: Ev::EndCdata,
            pos: self.pos_of(j),
            raw: "]]>".into(),
        });
        Ok(Some(j + 3))
    }

    fn end_tag(&mut self, p: usize, evs: &mut Vec<Event>) -> Step<usize> {
        let Some(ne) = self.name(p + 2)? else {
            return Ok(None);
        };
        let j = self.skip_ws(ne);
        match self.c(j) {
            None => return Ok(None),
            Some('>') => {}
            Some(_) => return self.err(ERR_INVALID_TOKEN, j),
        }
        let name = self.text(p + 2, ne);
        let Some((open, nb)) = self.stack.last().cloned() else {
            return self.err(ERR_TAG_MISMATCH, p + 2);
        };
        if open != name {
            return self.err(ERR_TAG_MISMATCH, p + 2);
        }
        self.stack.pop();
        let pos = self.pos_of(p);
        let ename = self.expand_name(&name, true, p)?;
        evs.push(Event {
            ev: Ev::End { name: ename },
            pos,
            raw: self.text(p, j + 1),
        });
        self.pop_bindings(nb, pos, evs);
        if self.stack.is_empty() {
            self.phase = Phase::Epilog;
        }
        Ok(Some(j + 1))
    }

    fn pop_bindings(&mut self, n: usize, pos: Pos, evs: &mut Vec<Event>) {
        for _ in 0..n {
            if let Some((prefix, _)) = self.bindings.pop() {
                evs.push(Event {
                    ev: Ev::EndNs { prefix },
                    pos,
                    raw: String::new(),
                });
            }
        }
    }

    fn lookup_ns(&self, prefix: Option<&str>) -> Option<Option<String>> {
        if prefix == Some("xml") {
            return Some(Some(XML_NS.to_string()));
        }
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| p.as_deref() == prefix)
            .map(|(_, u)| u.clone())
    }

    /// A qualified name as reported with namespace processing on.
    fn expand_name(&self, qname: &str, is_element: bool, p: usize) -> Result<String, XErr> {
        let Some(sep) = self.ns_sep else {
            return Ok(qname.to_string());
        };
        let join = |uri: &str, local: &str, prefix: Option<&str>| {
            let mut s = String::from(uri);
            if let Some(c) = sep {
                s.push(c);
            }
            s.push_str(local);
            if self.ns_triplets
                && let Some(pf) = prefix
            {
                if let Some(c) = sep {
                    s.push(c);
                }
                s.push_str(pf);
            }
            s
        };
        match qname.split_once(':') {
            Some((prefix, local)) if !prefix.is_empty() && !local.is_empty() => {
                match self.lookup_ns(Some(prefix)) {
                    Some(Some(uri)) => Ok(join(&uri, local, Some(prefix))),
                    _ => self.err(ERR_UNBOUND_PREFIX, p),
                }
            }
            _ => {
                if is_element && let Some(Some(uri)) = self.lookup_ns(None) {
                    return Ok(join(&uri, qname, None));
                }
                Ok(qname.to_string())
            }
        }
    }

    fn start_tag(&mut self, p: usize, evs: &mut Vec<Event>) -> Step<usize> {
        let Some(ne) = self.name(p + 1)? else {
            return Ok(None);
        };
        // (name, name position, raw value start, raw value end)
        let mut attrs: Vec<(usize, usize, usize, usize)> = Vec::new();
        let mut j = ne;
        let empty;
        loop {
            let had_ws = self.c(j).is_some_and(is_ws);
            j = self.skip_ws(j);
            match self.c(j) {
                None => return Ok(None),
                Some('>') => {
                    empty = false;
                    j += 1;
                    break;
                }
                Some('/') => match self.c(j + 1) {
                    None => return Ok(None),
                    Some('>') => {
                        empty = true;
                        j += 2;
                        break;
                    }
                    Some(_) => return self.err(ERR_INVALID_TOKEN, j + 1),
                },
                Some(c) if is_name_start(c) && had_ws => {
                    let Some(an) = self.name(j)? else {
                        return Ok(None);
                    };
                    let mut k = self.skip_ws(an);
                    match self.c(k) {
                        None => return Ok(None),
                        Some('=') => k += 1,
                        Some(_) => return self.err(ERR_INVALID_TOKEN, k),
                    }
                    k = self.skip_ws(k);
                    let q = match self.c(k) {
                        None => return Ok(None),
                        Some(q @ ('"' | '\'')) => q,
                        Some(_) => return self.err(ERR_INVALID_TOKEN, k),
                    };
                    let vs = k + 1;
                    let mut v = vs;
                    loop {
                        match self.c(v) {
                            None => return Ok(None),
                            Some(c) if c == q => break,
                            Some('<') => return self.err(ERR_INVALID_TOKEN, v),
                            Some('&') => match self.parse_ref(v)? {
                                None => return Ok(None),
                                Some((e, _)) => v = e,
                            },
                            Some(c) if c == BAD || !is_xml_char(c) => {
                                return self.err(ERR_INVALID_TOKEN, v);
                            }
                            Some(_) => v += 1,
                        }
                    }
                    attrs.push((j, an, vs, v));
                    j = v + 1;
                    match self.c(j) {
                        None => return Ok(None),
                        Some(c) if is_ws(c) || c == '>' || c == '/' => {}
                        Some(_) => return self.err(ERR_INVALID_TOKEN, j),
                    }
                }
                Some(_) => return self.err(ERR_INVALID_TOKEN, j),
            }
        }
        let qname = self.text(p + 1, ne);
        let mut list: Vec<(String, String)> = Vec::new();
        for &(a, an, vs, ve) in &attrs {
            let name = self.text(a, an);
            if list.iter().any(|(n, _)| *n == name) {
                return self.err(ERR_DUPLICATE_ATTRIBUTE, a);
            }
            let cdata = self
                .attdefs
                .get(&qname)
                .and_then(|d| d.iter().find(|d| d.name == name))
                .is_none_or(|d| d.cdata);
            let v = self.attr_value(vs, ve, cdata, p)?;
            list.push((name, v));
        }
        let nspecified = list.len();
        if let Some(defs) = self.attdefs.get(&qname) {
            for d in defs {
                if let Some(v) = &d.default
                    && !list.iter().any(|(n, _)| *n == d.name)
                {
                    list.push((d.name.clone(), v.clone()));
                }
            }
        }
        let pos = self.pos_of(p);
        let mut nb = 0;
        let mut out_attrs = Vec::new();
        let mut nspec_out = 0;
        if self.ns_sep.is_some() {
            for (i, (n, v)) in list.iter().enumerate() {
                let prefix = if n == "xmlns" {
                    None
                } else if let Some(pf) = n.strip_prefix("xmlns:") {
                    Some(pf.to_string())
                } else {
                    continue;
                };
                if prefix.as_deref() == Some("xmlns") {
                    return self.err(ERR_RESERVED_PREFIX_XMLNS, p);
                }
                if prefix.as_deref() == Some("xml") && v != XML_NS {
                    return self.err(ERR_RESERVED_PREFIX_XML, p);
                }
                if v == XMLNS_NS || (v == XML_NS && prefix.as_deref() != Some("xml")) {
                    return self.err(40, p);
                }
                if prefix.is_some() && v.is_empty() {
                    return self.err(ERR_UNDECLARING_PREFIX, p);
                }
                let _ = i;
                let uri = if v.is_empty() { None } else { Some(v.clone()) };
                evs.push(Event {
                    ev: Ev::StartNs {
                        prefix: prefix.clone(),
                        uri: uri.clone(),
                    },
                    pos,
                    raw: String::new(),
                });
                self.bindings.push((prefix, uri));
                nb += 1;
            }
            for (i, (n, v)) in list.iter().enumerate() {
                if n == "xmlns" || n.starts_with("xmlns:") {
                    continue;
                }
                let en = if n.contains(':') {
                    self.expand_name(n, false, p)?
                } else {
                    n.clone()
                };
                if out_attrs.iter().any(|(x, _): &(String, String)| *x == en) {
                    return self.err(ERR_DUPLICATE_ATTRIBUTE, p);
                }
                out_attrs.push((en, v.clone()));
                if i < nspecified {
                    nspec_out += 1;
                }
            }
        } else {
            out_attrs = list;
            nspec_out = nspecified;
        }
        let ename = self.expand_name(&qname, true, p)?;
        let raw = self.text(p, j);
        evs.push(Event {
            ev: Ev::Start {
                name: ename.clone(),
                attrs: out_attrs,
                nspecified: nspec_out,
            },
            pos,
            raw,
        });
        if empty {
            let pos = self.pos_of(j);
            evs.push(Event {
                ev: Ev::End { name: ename },
                pos,
                raw: String::new(),
            });
            self.pop_bindings(nb, pos, evs);
            if self.stack.is_empty() {
                self.phase = Phase::Epilog;
            }
        } else {
            self.stack.push((qname, nb));
            self.phase = Phase::Content;
        }
        Ok(Some(j))
    }

    fn attr_value(&self, a: usize, b: usize, cdata: bool, p: usize) -> Result<String, XErr> {
        let mut out = String::new();
        let mut i = a;
        while i < b {
            let c = self.buf[i];
            match c {
                '&' => match self.parse_ref(i)? {
                    Some((e, Ref::Char(ch))) => {
                        out.push(ch);
                        i = e;
                    }
                    Some((e, Ref::Name(n))) => {
                        if let Some(ch) = predefined(&n) {
                            out.push(ch);
                        } else if let Some(ent) = self.entities.get(&n) {
                            match &ent.value {
                                Some(v) => {
                                    if v.contains('<') {
                                        return self.err(ERR_INVALID_TOKEN, p);
                                    }
                                    let mut seen = vec![n.clone()];
                                    let t = self.expand(v, &mut seen, p)?;
                                    out.push_str(&t.replace(['\t', '\n', '\r'], " "));
                                }
                                None => return self.err(16, p),
                            }
                        } else {
                            return self.err(ERR_UNDEFINED_ENTITY, p);
                        }
                        i = e;
                    }
                    None => return self.err(ERR_INVALID_TOKEN, i),
                },
                '\r' => {
                    out.push(' ');
                    i += 1;
                    if i < b && self.buf[i] == '\n' {
                        i += 1;
                    }
                }
                '\t' | '\n' => {
                    out.push(' ');
                    i += 1;
                }
                _ => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        if !cdata {
            out = out
                .split(' ')
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
        }
        Ok(out)
    }

    // ----- the document type declaration -----

    fn literal(&self, i: usize) -> Step<(usize, String)> {
        let q = match self.c(i) {
            None => return Ok(None),
            Some(q @ ('"' | '\'')) => q,
            Some(_) => return self.err(ERR_SYNTAX, i),
        };
        let mut j = i + 1;
        loop {
            match self.c(j) {
                None => return Ok(None),
                Some(c) if c == q => return Ok(Some((j + 1, self.text(i + 1, j)))),
                Some(_) => j += 1,
            }
        }
    }

    /// `SYSTEM "x"` or `PUBLIC "p" "x"`: (end, sysid, pubid); `Some(None)`-like "absent" is
    /// `(i, None, None)`.
    fn external_id(
        &self,
        i: usize,
        need_sys: bool,
    ) -> Step<(usize, Option<String>, Option<String>)> {
        if self.starts(i, "SYSTEM").is_none() || self.starts(i, "PUBLIC").is_none() {
            return Ok(None);
        }
        if self.starts(i, "SYSTEM") == Some(true) {
            let k = self.skip_ws(i + 6);
            let Some((e, s)) = self.literal(k)? else {
                return Ok(None);
            };
            return Ok(Some((e, Some(s), None)));
        }
        if self.starts(i, "PUBLIC") == Some(true) {
            let k = self.skip_ws(i + 6);
            let Some((e, pubid)) = self.literal(k)? else {
                return Ok(None);
            };
            let k = self.skip_ws(e);
            match self.c(k) {
                None => return Ok(None),
                Some('"' | '\'') => {
                    let Some((e2, s)) = self.literal(k)? else {
                        return Ok(None);
                    };
                    return Ok(Some((e2, Some(s), Some(pubid))));
                }
                Some(_) if need_sys => return self.err(ERR_SYNTAX, k),
                Some(_) => return Ok(Some((e, None, Some(pubid)))),
            }
        }
        Ok(Some((i, None, None)))
    }

    /// Where the quoted literal ending just before `e` starts.
    fn literal_start(&self, e: usize) -> usize {
        let Some(q) = e.checked_sub(1).and_then(|i| self.c(i)) else {
            return e;
        };
        let mut i = e - 1;
        while i > 0 {
            i -= 1;
            if self.buf[i] == q {
                return i;
            }
        }
        e
    }

    fn doctype(&mut self, p: usize, evs: &mut Vec<Event>) -> Step<usize> {
        let piece = |s: &Parser, a: usize, b: usize, evs: &mut Vec<Event>| {
            if b > a {
                evs.push(Event {
                    ev: Ev::DoctypePiece,
                    pos: s.pos_of(a),
                    raw: s.text(a, b),
                });
            }
        };
        let mut tmp = Vec::new();
        piece(self, p, p + 9, &mut tmp);
        let k = self.skip_ws(p + 9);
        piece(self, p + 9, k, &mut tmp);
        if k == p + 9 {
            return match self.c(k) {
                None => Ok(None),
                Some(_) => self.err(ERR_SYNTAX, k),
            };
        }
        let Some(ne) = self.name(k)? else {
            return Ok(None);
        };
        piece(self, k, ne, &mut tmp);
        let name = self.text(k, ne);
        let mut j = self.skip_ws(ne);
        piece(self, ne, j, &mut tmp);
        let Some((e, sysid, pubid)) = self.external_id(j, true)? else {
            return Ok(None);
        };
        if e > j {
            let s = self.skip_ws(j + 6);
            piece(self, j, j + 6, &mut tmp);
            piece(self, j + 6, s, &mut tmp);
            if pubid.is_some() {
                let Some((e1, _)) = self.literal(s)? else {
                    return Ok(None);
                };
                piece(self, s, e1, &mut tmp);
                let s2 = self.skip_ws(e1);
                piece(self, e1, s2, &mut tmp);
                piece(self, s2, e, &mut tmp);
            } else {
                piece(self, s, e, &mut tmp);
            }
            let j2 = self.skip_ws(e);
            piece(self, e, j2, &mut tmp);
            j = j2;
        }
        let mut decls = Vec::new();
        let internal = self.c(j) == Some('[');
        let mut start_at = j;
        if internal {
            let Some(end) = self.subset(j + 1, &mut decls)? else {
                return Ok(None);
            };
            j = self.skip_ws(end);
        }
        match self.c(j) {
            None => return Ok(None),
            Some('>') => {}
            Some(_) => return self.err(ERR_SYNTAX, j),
        }
        if !internal {
            start_at = j;
        }
        self.seen_doctype = true;
        if sysid.is_some() {
            self.ext_subset = true;
        }
        evs.extend(tmp);
        evs.push(Event {
            ev: Ev::StartDoctype {
                name,
                sysid,
                pubid,
                internal,
            },
            pos: self.pos_of(start_at),
            raw: String::new(),
        });
        for ev in decls {
            match &ev.ev {
                Ev::EntityDecl {
                    name,
                    param,
                    value,
                    sysid,
                    pubid,
                    notation,
                } => {
                    let map = if *param {
                        &mut self.pentities
                    } else {
                        &mut self.entities
                    };
                    if !map.contains_key(name) {
                        map.insert(
                            name.clone(),
                            Entity {
                                value: value.clone(),
                                sysid: sysid.clone(),
                                pubid: pubid.clone(),
                                notation: notation.clone(),
                            },
                        );
                    }
                }
                Ev::AttlistDecl {
                    elname,
                    attname,
                    atype,
                    default,
                    ..
                } => {
                    let defs = self.attdefs.entry(elname.clone()).or_default();
                    if !defs.iter().any(|d| d.name == *attname) {
                        defs.push(AttDef {
                            name: attname.clone(),
                            cdata: atype == "CDATA",
                            default: default.clone(),
                        });
                    }
                }
                _ => {}
            }
            evs.push(ev);
        }
        evs.push(Event {
            ev: Ev::EndDoctype,
            pos: self.pos_of(j),
            raw: ">".into(),
        });
        Ok(Some(j + 1))
    }

    fn subset(&mut self, mut j: usize, decls: &mut Vec<Event>) -> Step<usize> {
        loop {
            j = self.skip_ws(j);
            let Some(c) = self.c(j) else { return Ok(None) };
            match c {
                ']' => return Ok(Some(j + 1)),
                '%' => {
                    let Some(ne) = self.name(j + 1)? else {
                        return Ok(None);
                    };
                    match self.c(ne) {
                        None => return Ok(None),
                        Some(';') => {}
                        Some(_) => return self.err(ERR_INVALID_TOKEN, ne),
                    }
                    self.ext_subset = true;
                    j = ne + 1;
                }
                '<' => {
                    if self.starts(j, "<!--").is_none() {
                        return Ok(None);
                    }
                    if self.starts(j, "<!--") == Some(true) {
                        let Some(e) = self.comment(j, decls)? else {
                            return Ok(None);
                        };
                        j = e;
                    } else if self.c(j + 1) == Some('?') {
                        let Some(e) = self.pi(j, false, decls)? else {
                            return Ok(None);
                        };
                        j = e;
                    } else {
                        let Some(e) = self.markup_decl(j, decls)? else {
                            return Ok(None);
                        };
                        j = e;
                    }
                }
                _ => return self.err(ERR_SYNTAX, j),
            }
        }
    }

    fn markup_decl(&mut self, p: usize, decls: &mut Vec<Event>) -> Step<usize> {
        for kw in ["<!ENTITY", "<!ATTLIST", "<!ELEMENT", "<!NOTATION"] {
            match self.starts(p, kw) {
                None => return Ok(None),
                Some(false) => continue,
                Some(true) => {}
            }
            let mut j = self.skip_ws(p + kw.len());
            let mut pos;
            match kw {
                "<!ENTITY" => {
                    let param = self.c(j) == Some('%');
                    if param {
                        j = self.skip_ws(j + 1);
                    }
                    let Some(ne) = self.name(j)? else {
                        return Ok(None);
                    };
                    let name = self.text(j, ne);
                    j = self.skip_ws(ne);
                    let (mut value, mut sysid, mut pubid, mut notation) = (None, None, None, None);
                    match self.c(j) {
                        None => return Ok(None),
                        Some('"' | '\'') => {
                            let Some((e, v)) = self.literal(j)? else {
                                return Ok(None);
                            };
                            pos = self.pos_of(j);
                            value = Some(self.entity_value(&v, p)?);
                            j = e;
                        }
                        Some(_) => {
                            let Some((e, s, pb)) = self.external_id(j, true)? else {
                                return Ok(None);
                            };
                            if e == j {
                                return self.err(ERR_SYNTAX, j);
                            }
                            sysid = s;
                            pubid = pb;
                            pos = self.pos_of(self.literal_start(e));
                            j = self.skip_ws(e);
                            if !param && self.starts(j, "NDATA") == Some(true) {
                                let k = self.skip_ws(j + 5);
                                let Some(nn) = self.name(k)? else {
                                    return Ok(None);
                                };
                                notation = Some(self.text(k, nn));
                                pos = self.pos_of(k);
                                j = nn;
                            }
                        }
                    }
                    j = self.skip_ws(j);
                    match self.c(j) {
                        None => return Ok(None),
                        Some('>') => {}
                        Some(_) => return self.err(ERR_SYNTAX, j),
                    }
                    decls.push(Event {
                        ev: Ev::EntityDecl {
                            name,
                            param,
                            value,
                            sysid,
                            pubid,
                            notation,
                        },
                        pos,
                        raw: self.text(p, j + 1),
                    });
                    return Ok(Some(j + 1));
                }
                "<!NOTATION" => {
                    let Some(ne) = self.name(j)? else {
                        return Ok(None);
                    };
                    let name = self.text(j, ne);
                    j = self.skip_ws(ne);
                    let Some((e, sysid, pubid)) = self.external_id(j, false)? else {
                        return Ok(None);
                    };
                    pos = self.pos_of(self.literal_start(e));
                    j = self.skip_ws(e);
                    match self.c(j) {
                        None => return Ok(None),
                        Some('>') => {}
                        Some(_) => return self.err(ERR_SYNTAX, j),
                    }
                    decls.push(Event {
                        ev: Ev::NotationDecl { name, sysid, pubid },
                        pos,
                        raw: self.text(p, j + 1),
                    });
                    return Ok(Some(j + 1));
                }
                "<!ELEMENT" => {
                    let Some(ne) = self.name(j)? else {
                        return Ok(None);
                    };
                    let name = self.text(j, ne);
                    j = self.skip_ws(ne);
                    let model;
                    pos = self.pos_of(j);
                    if self.starts(j, "EMPTY") == Some(true) {
                        model = Model {
                            ctype: 1,
                            quant: 0,
                            name: None,
                            children: vec![],
                        };
                        j += 5;
                    } else if self.starts(j, "ANY") == Some(true) {
                        model = Model {
                            ctype: 2,
                            quant: 0,
                            name: None,
                            children: vec![],
                        };
                        j += 3;
                    } else if self.c(j) == Some('(') {
                        let Some((e, m)) = self.content_model(j)? else {
                            return Ok(None);
                        };
                        model = m;
                        let close = if self.c(e - 1).and_then(quant_of).is_some() {
                            e - 2
                        } else {
                            e - 1
                        };
                        pos = self.pos_of(close);
                        j = e;
                    } else if self.c(j).is_none() {
                        return Ok(None);
                    } else {
                        return self.err(ERR_SYNTAX, j);
                    }
                    j = self.skip_ws(j);
                    match self.c(j) {
                        None => return Ok(None),
                        Some('>') => {}
                        Some(_) => return self.err(ERR_SYNTAX, j),
                    }
                    decls.push(Event {
                        ev: Ev::ElementDecl { name, model },
                        pos,
                        raw: self.text(p, j + 1),
                    });
                    return Ok(Some(j + 1));
                }
                _ => {
                    // <!ATTLIST el (name type default)* >
                    let Some(ne) = self.name(j)? else {
                        return Ok(None);
                    };
                    let elname = self.text(j, ne);
                    j = self.skip_ws(ne);
                    loop {
                        match self.c(j) {
                            None => return Ok(None),
                            Some('>') => return Ok(Some(j + 1)),
                            _ => {}
                        }
                        let Some(an) = self.name(j)? else {
                            return Ok(None);
                        };
                        let attname = self.text(j, an);
                        j = self.skip_ws(an);
                        let ts = j;
                        let atype;
                        if self.c(j) == Some('(') {
                            let Some(k) = self.buf[j..].iter().position(|&c| c == ')') else {
                                return Ok(None);
                            };
                            atype = self
                                .text(j, j + k + 1)
                                .chars()
                                .filter(|c| !is_ws(*c))
                                .collect();
                            j += k + 1;
                        } else {
                            let Some(te) = self.name(j)? else {
                                return Ok(None);
                            };
                            j = te;
                            let t = self.text(ts, te);
                            if t == "NOTATION" {
                                let k0 = self.skip_ws(j);
                                let Some(k) = self.buf[k0..].iter().position(|&c| c == ')') else {
                                    return Ok(None);
                                };
                                let body: String = self
                                    .text(k0, k0 + k + 1)
                                    .chars()
                                    .filter(|c| !is_ws(*c))
                                    .collect();
                                atype = format!("NOTATION{body}");
                                j = k0 + k + 1;
                            } else {
                                atype = t;
                            }
                        }
                        j = self.skip_ws(j);
                        pos = self.pos_of(j);
                        let (default, required);
                        if self.starts(j, "#REQUIRED") == Some(true) {
                            default = None;
                            required = true;
                            j += 9;
                        } else if self.starts(j, "#IMPLIED") == Some(true) {
                            default = None;
                            required = false;
                            j += 8;
                        } else {
                            let fixed = self.starts(j, "#FIXED") == Some(true);
                            if fixed {
                                j = self.skip_ws(j + 6);
                                pos = self.pos_of(j);
                            }
                            let Some((e, v)) = self.literal(j)? else {
                                return Ok(None);
                            };
                            let lit_start = j + 1;
                            let mut d = self.attr_value(lit_start, e - 1, true, p)?;
                            if atype != "CDATA" {
                                d = d
                                    .split(' ')
                                    .filter(|s| !s.is_empty())
                                    .collect::<Vec<_>>()
                                    .join(" ");
                            }
                            let _ = v;
                            default = Some(d);
                            required = fixed;
                            j = e;
                        }
                        decls.push(Event {
                            ev: Ev::AttlistDecl {
                                elname: elname.clone(),
                                attname,
                                atype,
                                default,
                                required,
                            },
                            pos,
                            raw: String::new(),
                        });
                        j = self.skip_ws(j);
                    }
                }
            }
        }
        self.err(ERR_SYNTAX, p)
    }

    /// Character references in an entity value are replaced when it is declared.
    fn entity_value(&self, v: &str, p: usize) -> Result<String, XErr> {
        let mut out = String::new();
        let mut rest = v;
        while let Some(k) = rest.find("&#") {
            out.push_str(&rest[..k]);
            let after = &rest[k + 2..];
            let Some(e) = after.find(';') else {
                return self.err(ERR_INVALID_TOKEN, p);
            };
            let num = &after[..e];
            let val = match num.strip_prefix('x') {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            match val.and_then(char::from_u32).filter(|c| is_xml_char(*c)) {
                Some(c) => out.push(c),
                None => return self.err(ERR_BAD_CHAR_REF, p),
            }
            rest = &after[e + 1..];
        }
        out.push_str(rest);
        Ok(Self::norm(&out))
    }

    fn content_model(&self, p: usize) -> Step<(usize, Model)> {
        // p is at '('
        let mut j = self.skip_ws(p + 1);
        if self.starts(j, "#PCDATA").is_none() {
            return Ok(None);
        }
        if self.starts(j, "#PCDATA") == Some(true) {
            j = self.skip_ws(j + 7);
            let mut children = Vec::new();
            loop {
                match self.c(j) {
                    None => return Ok(None),
                    Some(')') => {
                        j += 1;
                        let quant = if self.c(j) == Some('*') {
                            j += 1;
                            2
                        } else {
                            0
                        };
                        return Ok(Some((
                            j,
                            Model {
                                ctype: 3,
                                quant,
                                name: None,
                                children,
                            },
                        )));
                    }
                    Some('|') => {
                        let k = self.skip_ws(j + 1);
                        let Some(ne) = self.name(k)? else {
                            return Ok(None);
                        };
                        children.push(Model {
                            ctype: 4,
                            quant: 0,
                            name: Some(self.text(k, ne)),
                            children: vec![],
                        });
                        j = self.skip_ws(ne);
                    }
                    Some(_) => return self.err(ERR_SYNTAX, j),
                }
            }
        }
        let mut children = Vec::new();
        let mut sep: Option<char> = None;
        loop {
            j = self.skip_ws(j);
            let item = if self.c(j) == Some('(') {
                let Some((e, m)) = self.content_model(j)? else {
                    return Ok(None);
                };
                j = e;
                m
            } else {
                let Some(ne) = self.name(j)? else {
                    return Ok(None);
                };
                let mut m = Model {
                    ctype: 4,
                    quant: 0,
                    name: Some(self.text(j, ne)),
                    children: vec![],
                };
                j = ne;
                if let Some(q) = self.c(j).and_then(quant_of) {
                    m.quant = q;
                    j += 1;
                }
                m
            };
            children.push(item);
            j = self.skip_ws(j);
            match self.c(j) {
                None => return Ok(None),
                Some(')') => {
                    j += 1;
                    let mut quant = 0;
                    if let Some(q) = self.c(j).and_then(quant_of) {
                        quant = q;
                        j += 1;
                    }
                    let ctype = if sep == Some('|') { 5 } else { 6 };
                    return Ok(Some((
                        j,
                        Model {
                            ctype,
                            quant,
                            name: None,
                            children,
                        },
                    )));
                }
                Some(c @ ('|' | ',')) if sep.is_none() || sep == Some(c) => {
                    sep = Some(c);
                    j += 1;
                }
                Some(_) => return self.err(ERR_SYNTAX, j),
            }
        }
    }
}

fn quant_of(c: char) -> Option<u32> {
    match c {
        '?' => Some(1),
        '*' => Some(2),
        '+' => Some(3),
        _ => None,
    }
}

enum Ref {
    Char(char),
    Name(String),
}

fn predefined(n: &str) -> Option<char> {
    match n {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

fn split_lines(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c == '\n' {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push("\n".into());
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub(super) fn builtin_encoding(name: &str) -> Option<Enc> {
    let n = name.to_ascii_uppercase().replace('_', "-");
    match n.as_str() {
        "UTF-8" | "UTF8" => Some(Enc::Utf8),
        "UTF-16" | "UTF-16LE" => Some(Enc::Utf16Le),
        "UTF-16BE" => Some(Enc::Utf16Be),
        "ISO-8859-1" | "LATIN-1" | "LATIN1" => Some(Enc::Latin1),
        "US-ASCII" | "ASCII" => Some(Enc::Ascii),
        _ => None,
    }
}
