//! The matching engine of `_sre`: runs the code that `re._compiler` produces over a string
//! of code points (CPython: `Modules/_sre/sre_lib.h` `SRE(match)`, `SRE(search)`,
//! `SRE(charset)`, `Modules/_sre/sre.c` `sre_category`, `SRE(at)`).
//!
//! A backtracking interpreter, as CPython's: `run(pc, pos)` matches the code from `pc` to the
//! `SUCCESS` that ends it and returns the end position. Alternatives and repeats call `run`
//! for "the rest of the pattern", so the continuation is the code itself. `REPEAT` keeps a
//! stack of repeat counters (`MAX_UNTIL`/`MIN_UNTIL` consult the innermost), and marks are
//! saved before an alternative is tried and restored when it fails, which gives CPython's
//! group results (the last iteration of a repeated group wins, failed branches leave none).
//! Recursion depth grows with backtracking points; deep matches end with `Error::Depth`
//! rather than overflowing the Rust stack.
//!
//! Backtracking can take exponential time, so the engine counts its work (one unit per
//! `run`, one per character a repeat scans) against the interpreter's limits through
//! [`Vm::tick`], every [`TICK_EVERY`] units: a tripped limit ends the match with
//! `Error::Py`.

use krait_common::unicode;
use krait_vm::{PyErr, Vm};

/// Opcodes (`re._constants.OPCODES`, in order).
mod op {
    pub(super) const FAILURE: u32 = 0;
    pub(super) const SUCCESS: u32 = 1;
    pub(super) const ANY: u32 = 2;
    pub(super) const ANY_ALL: u32 = 3;
    pub(super) const ASSERT: u32 = 4;
    pub(super) const ASSERT_NOT: u32 = 5;
    pub(super) const AT: u32 = 6;
    pub(super) const BRANCH: u32 = 7;
    pub(super) const CATEGORY: u32 = 8;
    pub(super) const CHARSET: u32 = 9;
    pub(super) const BIGCHARSET: u32 = 10;
    pub(super) const GROUPREF: u32 = 11;
    pub(super) const GROUPREF_EXISTS: u32 = 12;
    pub(super) const IN: u32 = 13;
    pub(super) const INFO: u32 = 14;
    pub(super) const JUMP: u32 = 15;
    pub(super) const LITERAL: u32 = 16;
    pub(super) const MARK: u32 = 17;
    pub(super) const MAX_UNTIL: u32 = 18;
    pub(super) const MIN_UNTIL: u32 = 19;
    pub(super) const NOT_LITERAL: u32 = 20;
    pub(super) const NEGATE: u32 = 21;
    pub(super) const RANGE: u32 = 22;
    pub(super) const REPEAT: u32 = 23;
    pub(super) const REPEAT_ONE: u32 = 24;
    pub(super) const SUBPATTERN: u32 = 25;
    pub(super) const MIN_REPEAT_ONE: u32 = 26;
    pub(super) const ATOMIC_GROUP: u32 = 27;
    pub(super) const POSSESSIVE_REPEAT: u32 = 28;
    pub(super) const POSSESSIVE_REPEAT_ONE: u32 = 29;
    pub(super) const GROUPREF_IGNORE: u32 = 30;
    pub(super) const IN_IGNORE: u32 = 31;
    pub(super) const LITERAL_IGNORE: u32 = 32;
    pub(super) const NOT_LITERAL_IGNORE: u32 = 33;
    pub(super) const GROUPREF_LOC_IGNORE: u32 = 34;
    pub(super) const IN_LOC_IGNORE: u32 = 35;
    pub(super) const LITERAL_LOC_IGNORE: u32 = 36;
    pub(super) const NOT_LITERAL_LOC_IGNORE: u32 = 37;
    pub(super) const GROUPREF_UNI_IGNORE: u32 = 38;
    pub(super) const IN_UNI_IGNORE: u32 = 39;
    pub(super) const LITERAL_UNI_IGNORE: u32 = 40;
    pub(super) const NOT_LITERAL_UNI_IGNORE: u32 = 41;
    pub(super) const RANGE_UNI_IGNORE: u32 = 42;
}

/// `MAXREPEAT`: an unbounded repeat.
pub(crate) const MAXREPEAT: u32 = u32::MAX;

/// How many nested backtracking points a match may use.
const MAX_DEPTH: usize = 200_000;

/// How much work the engine does between two calls of [`Vm::tick`].
const TICK_EVERY: i64 = 256;

/// Why a match could not be decided.
pub(crate) enum Error {
    /// The code is not what `re._compiler` makes.
    BadCode,
    /// Too much nested backtracking.
    Depth,
    /// A limit or an interrupt stopped the match (from [`Vm::tick`]).
    Py(PyErr),
}

type R = Result<Option<usize>, Error>;

/// A subject's unit: a byte (a bytes-like subject, or an ASCII str, as CPython's 1-byte
/// `sre_lib.h` instance) or a code point.
pub(crate) trait Char: Copy + 'static {
    fn cp(self) -> u32;
}

impl Char for u8 {
    #[inline]
    fn cp(self) -> u32 {
        u32::from(self)
    }
}

impl Char for u32 {
    #[inline]
    fn cp(self) -> u32 {
        self
    }
}

struct Repeat {
    count: i64,
    /// Index of the `REPEAT` opcode.
    pc: usize,
    last_pos: Option<usize>,
}

/// One match attempt's state.
pub(crate) struct State<'a, C: Char> {
    code: &'a [u32],
    text: &'a [C],
    /// `endpos`: nothing at or after it is looked at.
    end: usize,
    /// Where the current attempt started (for `must_advance`).
    start: usize,
    /// `fullmatch`: the top-level `SUCCESS` must be at `end`.
    pub(crate) match_all: bool,
    /// After an empty match, the next may not be empty at the same place.
    pub(crate) must_advance: bool,
    /// Group boundaries: `marks[2g]`, `marks[2g+1]` for group `g+1`.
    pub(crate) marks: Vec<Option<usize>>,
    pub(crate) lastindex: i64,
    lastmark: i64,
    repeats: Vec<Repeat>,
    depth: usize,
    /// The interpreter whose limits the work counts against.
    vm: &'a mut Vm,
    /// Work left until the next [`Vm::tick`].
    fuel: i64,
}

fn lower_ascii(c: u32) -> u32 {
    if (u32::from(b'A')..=u32::from(b'Z')).contains(&c) {
        c + 32
    } else {
        c
    }
}

fn upper_ascii(c: u32) -> u32 {
    if (u32::from(b'a')..=u32::from(b'z')).contains(&c) {
        c - 32
    } else {
        c
    }
}

/// `sre_lower_unicode`: the simple lowercase mapping.
pub(crate) fn lower_unicode(c: u32) -> u32 {
    unicode::to_lower(c).into_iter().next().unwrap_or(c)
}

/// `sre_upper_unicode`: the simple uppercase mapping.
pub(crate) fn upper_unicode(c: u32) -> u32 {
    unicode::to_upper(c).into_iter().next().unwrap_or(c)
}

/// `ascii_iscased`.
pub(crate) fn ascii_iscased(c: u32) -> bool {
    c < 128 && (c as u8).is_ascii_alphabetic()
}

/// `unicode_iscased`.
pub(crate) fn unicode_iscased(c: u32) -> bool {
    c != lower_unicode(c) || c != upper_unicode(c)
}

/// `ascii_tolower`.
pub(crate) fn ascii_tolower(c: u32) -> u32 {
    lower_ascii(c)
}

fn is_ascii_word(c: u32) -> bool {
    c < 128 && ((c as u8).is_ascii_alphanumeric() || c == u32::from(b'_'))
}

fn is_uni_word(c: u32) -> bool {
    unicode::is_alnum(c) || c == u32::from(b'_')
}

fn is_ascii_space(c: u32) -> bool {
    matches!(c, 9..=13 | 32)
}

/// `sre_category`.
fn category(code: u32, c: u32) -> Option<bool> {
    Some(match code {
        0 => c < 128 && (c as u8).is_ascii_digit(),
        1 => !(c < 128 && (c as u8).is_ascii_digit()),
        2 => is_ascii_space(c),
        3 => !is_ascii_space(c),
        4 | 8 => is_ascii_word(c),
        5 | 9 => !is_ascii_word(c),
        6 => c == 10,
        7 => c != 10,
        10 => unicode::is_decimal(c),
        11 => !unicode::is_decimal(c),
        12 => unicode::is_space(c),
        13 => !unicode::is_space(c),
        14 => is_uni_word(c),
        15 => !is_uni_word(c),
        16 => unicode::is_linebreak(c),
        17 => !unicode::is_linebreak(c),
        _ => return None,
    })
}

impl<'a, C: Char> State<'a, C> {
    pub(crate) fn new(
        vm: &'a mut Vm,
        code: &'a [u32],
        text: &'a [C],
        end: usize,
        groups: usize,
    ) -> State<'a, C> {
        State {
            vm,
            fuel: TICK_EVERY,
            code,
            text,
            end: end.min(text.len()),
            start: 0,
            match_all: false,
            must_advance: false,
            marks: vec![None; groups * 2],
            lastindex: -1,
            lastmark: -1,
            repeats: Vec::new(),
            depth: 0,
        }
    }

    fn reset(&mut self) {
        for m in &mut self.marks {
            *m = None;
        }
        self.lastindex = -1;
        self.lastmark = -1;
        self.repeats.clear();
    }

    /// Count `cost` units of work; every [`TICK_EVERY`] units, tell the interpreter.
    #[inline]
    fn spend(&mut self, cost: i64) -> Result<(), Error> {
        self.fuel -= cost;
        if self.fuel <= 0 {
            let used = TICK_EVERY - self.fuel;
            self.fuel = TICK_EVERY;
            self.vm.tick(used).map_err(Error::Py)?;
        }
        Ok(())
    }

    fn c(&self, i: usize) -> Result<u32, Error> {
        self.code.get(i).copied().ok_or(Error::BadCode)
    }

    /// Match at exactly `pos`: the end of the match.
    pub(crate) fn match_at(&mut self, pos: usize) -> R {
        self.reset();
        self.start = pos;
        self.run(0, pos, true)
    }

    /// Search from `pos`: the start and end of the first match.
    pub(crate) fn search(&mut self, pos: usize) -> Result<Option<(usize, usize)>, Error> {
        let mut s = pos;
        let must_advance = self.must_advance;
        // A pattern that starts with `\A` or `^` (not MULTILINE) can only match at the
        // string's beginning: one attempt, as `sre_lib.h: SRE(search)` does.
        let last = if self.anchored_at_beginning()? {
            pos.min(self.end)
        } else {
            self.end
        };
        while s <= last {
            self.reset();
            self.start = s;
            self.must_advance = must_advance && s == pos;
            if let Some(e) = self.run(0, s, true)? {
                self.must_advance = false;
                return Ok(Some((s, e)));
            }
            s += 1;
        }
        self.must_advance = false;
        Ok(None)
    }

    /// Whether the code, after its `INFO` block, opens with `AT BEGINNING` or
    /// `AT BEGINNING_STRING`.
    fn anchored_at_beginning(&self) -> Result<bool, Error> {
        let mut pc = 0;
        if self.c(0)? == op::INFO {
            pc = 1 + self.c(1)? as usize;
        }
        Ok(self.code.get(pc) == Some(&op::AT) && matches!(self.code.get(pc + 1), Some(0 | 2)))
    }

    fn save(&self) -> (Vec<Option<usize>>, i64, i64) {
        (self.marks.clone(), self.lastindex, self.lastmark)
    }

    fn restore(&mut self, s: &(Vec<Option<usize>>, i64, i64)) {
        self.marks.clone_from(&s.0);
        self.lastindex = s.1;
        self.lastmark = s.2;
    }

    fn at(&self, code: u32, pos: usize) -> Result<bool, Error> {
        let t = self.text;
        let end = self.end;
        let prev = |p: usize| {
            if p > 0 {
                t.get(p - 1).map(|c| c.cp())
            } else {
                None
            }
        };
        let cur = |p: usize| {
            if p < end {
                t.get(p).map(|c| c.cp())
            } else {
                None
            }
        };
        Ok(match code {
            0 | 2 => pos == 0,
            1 => pos == 0 || prev(pos) == Some(10),
            5 => pos == end || (pos + 1 == end && cur(pos) == Some(10)),
            6 => pos == end || cur(pos) == Some(10),
            7 => pos == end,
            3 | 4 | 8 | 9 | 10 | 11 => {
                if end == 0 {
                    return Ok(false);
                }
                let word = if code >= 10 {
                    is_uni_word
                } else {
                    is_ascii_word
                };
                let that = prev(pos).is_some_and(word);
                let this = cur(pos).is_some_and(word);
                if matches!(code, 3 | 8 | 10) {
                    this != that
                } else {
                    this == that
                }
            }
            _ => return Err(Error::BadCode),
        })
    }

    /// `SRE(charset)`: whether `ch` is in the set starting at `p`.
    fn charset(&self, mut p: usize, ch: u32) -> Result<bool, Error> {
        let mut ok = true;
        loop {
            let o = self.c(p)?;
            p += 1;
            match o {
                op::FAILURE => return Ok(!ok),
                op::LITERAL => {
                    if ch == self.c(p)? {
                        return Ok(ok);
                    }
                    p += 1;
                }
                op::CATEGORY => {
                    if category(self.c(p)?, ch).ok_or(Error::BadCode)? {
                        return Ok(ok);
                    }
                    p += 1;
                }
                op::CHARSET => {
                    if ch < 256 && self.c(p + (ch as usize) / 32)? & (1 << (ch & 31)) != 0 {
                        return Ok(ok);
                    }
                    p += 8;
                }
                op::RANGE => {
                    if self.c(p)? <= ch && ch <= self.c(p + 1)? {
                        return Ok(ok);
                    }
                    p += 2;
                }
                op::RANGE_UNI_IGNORE => {
                    let (lo, hi) = (self.c(p)?, self.c(p + 1)?);
                    if lo <= ch && ch <= hi {
                        return Ok(ok);
                    }
                    let u = upper_unicode(ch);
                    if lo <= u && u <= hi {
                        return Ok(ok);
                    }
                    p += 2;
                }
                op::NEGATE => ok = !ok,
                op::BIGCHARSET => {
                    let count = self.c(p)? as usize;
                    p += 1;
                    if ch < 0x10000 {
                        let k = (ch >> 8) as usize;
                        let word = self.c(p + k / 4)?;
                        let block = ((word >> (8 * (k % 4))) & 0xFF) as usize;
                        let bits = p + 64 + (block * 256 + (ch as usize & 255)) / 32;
                        if self.c(bits)? & (1 << (ch & 31)) != 0 {
                            return Ok(ok);
                        }
                    }
                    p += 64 + count * 8;
                }
                _ => return Err(Error::BadCode),
            }
        }
    }

    /// Whether the one-character op at `pc` matches the character at `pos`.
    fn one(&self, pc: usize, pos: usize) -> Result<bool, Error> {
        if pos >= self.end {
            return Ok(false);
        }
        let ch = self.text[pos].cp();
        let arg = || self.c(pc + 1);
        Ok(match self.c(pc)? {
            op::ANY => ch != 10,
            op::ANY_ALL => true,
            op::LITERAL => ch == arg()?,
            op::NOT_LITERAL => ch != arg()?,
            op::LITERAL_IGNORE => lower_ascii(ch) == arg()?,
            op::NOT_LITERAL_IGNORE => lower_ascii(ch) != arg()?,
            op::LITERAL_UNI_IGNORE => lower_unicode(ch) == arg()?,
            op::NOT_LITERAL_UNI_IGNORE => lower_unicode(ch) != arg()?,
            op::LITERAL_LOC_IGNORE => {
                let a = arg()?;
                ch == a || lower_ascii(ch) == a || upper_ascii(ch) == a
            }
            op::NOT_LITERAL_LOC_IGNORE => {
                let a = arg()?;
                !(ch == a || lower_ascii(ch) == a || upper_ascii(ch) == a)
            }
            op::CATEGORY => category(arg()?, ch).ok_or(Error::BadCode)?,
            op::IN => self.charset(pc + 2, ch)?,
            op::IN_IGNORE => self.charset(pc + 2, lower_ascii(ch))?,
            op::IN_UNI_IGNORE => self.charset(pc + 2, lower_unicode(ch))?,
            op::IN_LOC_IGNORE => {
                self.charset(pc + 2, ch)?
                    || self.charset(pc + 2, lower_ascii(ch))?
                    || self.charset(pc + 2, upper_ascii(ch))?
            }
            _ => return Err(Error::BadCode),
        })
    }

    /// How many times (up to `max`) the single-character body at `pc` matches from `pos`.
    fn count(&mut self, pc: usize, pos: usize, max: u32) -> Result<usize, Error> {
        let limit = if max == MAXREPEAT {
            self.end.saturating_sub(pos)
        } else {
            (max as usize).min(self.end.saturating_sub(pos))
        };
        let simple = matches!(
            self.c(pc)?,
            op::ANY
                | op::ANY_ALL
                | op::LITERAL
                | op::NOT_LITERAL
                | op::LITERAL_IGNORE
                | op::NOT_LITERAL_IGNORE
                | op::LITERAL_UNI_IGNORE
                | op::NOT_LITERAL_UNI_IGNORE
                | op::LITERAL_LOC_IGNORE
                | op::NOT_LITERAL_LOC_IGNORE
                | op::IN
                | op::IN_IGNORE
                | op::IN_UNI_IGNORE
                | op::IN_LOC_IGNORE
                | op::CATEGORY
        );
        let mut n = 0;
        while n < limit {
            let ok = if simple {
                self.one(pc, pos + n)?
            } else {
                self.run(pc, pos + n, false)? == Some(pos + n + 1)
            };
            if !ok {
                break;
            }
            n += 1;
            if n % 64 == 0 {
                self.spend(64)?;
            }
        }
        Ok(n)
    }

    fn group_text(&self, g: usize) -> Option<&'a [C]> {
        let (a, b) = (
            self.marks.get(2 * g)?.as_ref()?,
            self.marks.get(2 * g + 1)?.as_ref()?,
        );
        if a > b {
            return None;
        }
        self.text.get(*a..*b)
    }

    /// Match the code from `pc` on at `pos`; `top` for the pattern's own final `SUCCESS`.
    fn run(&mut self, pc: usize, pos: usize, top: bool) -> R {
        self.spend(1)?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(Error::Depth);
        }
        let r = self.run_inner(pc, pos, top);
        self.depth -= 1;
        r
    }

    fn run_inner(&mut self, mut pc: usize, mut pos: usize, top: bool) -> R {
        loop {
            let o = self.c(pc)?;
            match o {
                op::FAILURE => return Ok(None),
                op::SUCCESS => {
                    if top
                        && ((self.match_all && pos != self.end)
                            || (self.must_advance && pos == self.start))
                    {
                        return Ok(None);
                    }
                    return Ok(Some(pos));
                }
                op::AT => {
                    if !self.at(self.c(pc + 1)?, pos)? {
                        return Ok(None);
                    }
                    pc += 2;
                }
                op::ANY | op::ANY_ALL => {
                    if !self.one(pc, pos)? {
                        return Ok(None);
                    }
                    pos += 1;
                    pc += 1;
                }
                op::LITERAL
                | op::NOT_LITERAL
                | op::LITERAL_IGNORE
                | op::NOT_LITERAL_IGNORE
                | op::LITERAL_UNI_IGNORE
                | op::NOT_LITERAL_UNI_IGNORE
                | op::LITERAL_LOC_IGNORE
                | op::NOT_LITERAL_LOC_IGNORE
                | op::CATEGORY => {
                    if !self.one(pc, pos)? {
                        return Ok(None);
                    }
                    pos += 1;
                    pc += 2;
                }
                op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                    if !self.one(pc, pos)? {
                        return Ok(None);
                    }
                    pos += 1;
                    pc += 1 + self.c(pc + 1)? as usize;
                }
                op::INFO => pc += 1 + self.c(pc + 1)? as usize,
                op::JUMP => pc += 1 + self.c(pc + 1)? as usize,
                op::MARK => {
                    let i = self.c(pc + 1)? as i64;
                    if i & 1 == 1 {
                        self.lastindex = i / 2 + 1;
                    }
                    if i > self.lastmark {
                        let mut j = self.lastmark + 1;
                        while j < i {
                            if let Some(m) = self.marks.get_mut(j as usize) {
                                *m = None;
                            }
                            j += 1;
                        }
                        self.lastmark = i;
                    }
                    match self.marks.get_mut(i as usize) {
                        Some(m) => *m = Some(pos),
                        None => return Err(Error::BadCode),
                    }
                    pc += 2;
                }
                op::BRANCH => {
                    let saved = self.save();
                    let mut p = pc + 1;
                    loop {
                        let skip = self.c(p)? as usize;
                        if skip == 0 {
                            return Ok(None);
                        }
                        if let Some(e) = self.run(p + 1, pos, top)? {
                            return Ok(Some(e));
                        }
                        self.restore(&saved);
                        p += skip;
                    }
                }
                op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                    let skip = self.c(pc + 1)? as usize;
                    let min = self.c(pc + 2)? as usize;
                    let max = self.c(pc + 3)?;
                    let body = pc + 4;
                    let next = pc + 1 + skip;
                    if pos + min > self.end {
                        return Ok(None);
                    }
                    if o == op::MIN_REPEAT_ONE {
                        let mut n = self.count(body, pos, min as u32)?;
                        if n < min {
                            return Ok(None);
                        }
                        let saved = self.save();
                        loop {
                            if let Some(e) = self.run(next, pos + n, top)? {
                                return Ok(Some(e));
                            }
                            self.restore(&saved);
                            if (max != MAXREPEAT && n >= max as usize)
                                || !self.one_or_run(body, pos + n)?
                            {
                                return Ok(None);
                            }
                            n += 1;
                        }
                    }
                    let n = self.count(body, pos, max)?;
                    if n < min {
                        return Ok(None);
                    }
                    if o == op::POSSESSIVE_REPEAT_ONE {
                        pos += n;
                        pc = next;
                        continue;
                    }
                    // A literal next lets most positions be skipped (`sre_lib.h` does this).
                    let next_lit = if self.c(next)? == op::LITERAL {
                        Some(self.c(next + 1)?)
                    } else {
                        None
                    };
                    if self.c(next)? == op::SUCCESS && !top {
                        return Ok(Some(pos + n));
                    }
                    let saved = self.save();
                    let mut k = n as i64;
                    while k >= min as i64 {
                        let at = pos + k as usize;
                        if let Some(l) = next_lit
                            && (at >= self.end || self.text[at].cp() != l)
                        {
                            k -= 1;
                            continue;
                        }
                        if let Some(e) = self.run(next, at, top)? {
                            return Ok(Some(e));
                        }
                        self.restore(&saved);
                        k -= 1;
                    }
                    return Ok(None);
                }
                op::REPEAT => {
                    self.repeats.push(Repeat {
                        count: -1,
                        pc,
                        last_pos: None,
                    });
                    let until = pc + 1 + self.c(pc + 1)? as usize;
                    let depth = self.repeats.len();
                    let r = self.run(until, pos, top);
                    self.repeats.truncate(depth - 1);
                    return r;
                }
                op::MAX_UNTIL | op::MIN_UNTIL => return self.until(o, pc, pos, top),
                op::POSSESSIVE_REPEAT => {
                    let skip = self.c(pc + 1)? as usize;
                    let min = self.c(pc + 2)? as usize;
                    let max = self.c(pc + 3)?;
                    let body = pc + 4;
                    let mut n = 0usize;
                    while n < min {
                        match self.run(body, pos, false)? {
                            Some(e) => pos = e,
                            None => return Ok(None),
                        }
                        n += 1;
                    }
                    while max == MAXREPEAT || n < max as usize {
                        let saved = self.save();
                        match self.run(body, pos, false)? {
                            Some(e) if e != pos => {
                                pos = e;
                                n += 1;
                            }
                            Some(_) => break,
                            None => {
                                self.restore(&saved);
                                break;
                            }
                        }
                    }
                    pc = pc + 1 + skip + 1;
                }
                op::ATOMIC_GROUP => {
                    let skip = self.c(pc + 1)? as usize;
                    match self.run(pc + 2, pos, false)? {
                        Some(e) => pos = e,
                        None => return Ok(None),
                    }
                    pc = pc + 1 + skip;
                }
                op::ASSERT | op::ASSERT_NOT => {
                    let skip = self.c(pc + 1)? as usize;
                    let back = self.c(pc + 2)? as usize;
                    let ok = if pos < back {
                        false
                    } else {
                        let saved = self.save();
                        let end = self.end;
                        let r = self.run(pc + 3, pos - back, false)?.is_some();
                        self.end = end;
                        if o == op::ASSERT_NOT || !r {
                            self.restore(&saved);
                        }
                        r
                    };
                    if ok == (o == op::ASSERT_NOT) {
                        return Ok(None);
                    }
                    pc = pc + 1 + skip;
                }
                op::GROUPREF
                | op::GROUPREF_IGNORE
                | op::GROUPREF_UNI_IGNORE
                | op::GROUPREF_LOC_IGNORE => {
                    let g = self.c(pc + 1)? as usize;
                    let Some(group) = self.group_text(g) else {
                        return Ok(None);
                    };
                    if pos + group.len() > self.end {
                        return Ok(None);
                    }
                    for (i, gc) in group.iter().enumerate() {
                        let (gc, tc) = (gc.cp(), self.text[pos + i].cp());
                        let same = match o {
                            op::GROUPREF => tc == gc,
                            op::GROUPREF_UNI_IGNORE => lower_unicode(tc) == lower_unicode(gc),
                            _ => lower_ascii(tc) == lower_ascii(gc),
                        };
                        if !same {
                            return Ok(None);
                        }
                    }
                    pos += group.len();
                    pc += 2;
                }
                op::GROUPREF_EXISTS => {
                    let g = self.c(pc + 1)? as usize;
                    if self.group_text(g).is_some() {
                        pc += 3;
                    } else {
                        pc = pc + 1 + self.c(pc + 2)? as usize;
                    }
                }
                op::SUBPATTERN | op::CHARSET | op::BIGCHARSET | op::NEGATE | op::RANGE => {
                    return Err(Error::BadCode);
                }
                _ => return Err(Error::BadCode),
            }
        }
    }

    /// One more item of a `MIN_REPEAT_ONE` body at `pos`.
    fn one_or_run(&mut self, body: usize, pos: usize) -> Result<bool, Error> {
        Ok(self.count(body, pos, 1)? == 1)
    }

    /// `MAX_UNTIL` / `MIN_UNTIL`: the end of one item of a `REPEAT`.
    fn until(&mut self, o: u32, pc: usize, pos: usize, top: bool) -> R {
        let Some(idx) = self.repeats.len().checked_sub(1) else {
            return Err(Error::BadCode);
        };
        let rpc = self.repeats[idx].pc;
        let min = i64::from(self.c(rpc + 2)?);
        let max = self.c(rpc + 3)?;
        let body = rpc + 4;
        let count = self.repeats[idx].count + 1;
        let unbounded = max == MAXREPEAT;
        if count < min {
            self.repeats[idx].count = count;
            let r = self.run(body, pos, top)?;
            if r.is_some() {
                return Ok(r);
            }
            if let Some(rep) = self.repeats.get_mut(idx) {
                rep.count = count - 1;
            }
            return Ok(None);
        }
        let tail = pc + 1;
        if o == op::MAX_UNTIL {
            if (unbounded || count < i64::from(max)) && self.repeats[idx].last_pos != Some(pos) {
                self.repeats[idx].count = count;
                let saved = self.save();
                let old_last = self.repeats[idx].last_pos;
                self.repeats[idx].last_pos = Some(pos);
                let r = self.run(body, pos, top)?;
                if let Some(rep) = self.repeats.get_mut(idx) {
                    rep.last_pos = old_last;
                }
                if r.is_some() {
                    return Ok(r);
                }
                self.restore(&saved);
                if let Some(rep) = self.repeats.get_mut(idx) {
                    rep.count = count - 1;
                }
            }
            // No more items: the rest of the pattern, outside this repeat.
            let rep = self.repeats.pop();
            let r = self.run(tail, pos, top);
            if let Some(rep) = rep {
                self.repeats.push(rep);
            }
            return r;
        }
        // MIN_UNTIL: the rest of the pattern first, then one more item.
        let saved = self.save();
        let rep = self.repeats.pop();
        let r = self.run(tail, pos, top);
        if let Some(rep) = rep {
            self.repeats.push(rep);
        }
        if r.as_ref().is_ok_and(Option::is_some) || r.is_err() {
            return r;
        }
        self.restore(&saved);
        if (!unbounded && count >= i64::from(max)) || self.repeats[idx].last_pos == Some(pos) {
            return Ok(None);
        }
        self.repeats[idx].count = count;
        let old_last = self.repeats[idx].last_pos;
        self.repeats[idx].last_pos = Some(pos);
        let r = self.run(body, pos, top)?;
        if let Some(rep) = self.repeats.get_mut(idx) {
            rep.last_pos = old_last;
        }
        if r.is_some() {
            return Ok(r);
        }
        if let Some(rep) = self.repeats.get_mut(idx) {
            rep.count = count - 1;
        }
        Ok(None)
    }
}
