//! `binascii`: base64, hex and CRC conversions (CPython: `Modules/binascii.c`), with
//! CPython's lenient and strict base64 decoding, the uu and quoted-printable codecs, and
//! CPython's error messages.

use krait_vm::native::{as_pystr, bind_args};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::bytes::buffer_arg;
use krait_vm::objects::function::Args;
use krait_vm::value::Value;
use krait_vm::{PyErr, PyResult, Vm};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("binascii", init));
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    for (key, name, base) in [
        ("binascii.Error", "Error", vm.types.value_error.clone()),
        (
            "binascii.Incomplete",
            "Incomplete",
            vm.types.exception.clone(),
        ),
    ] {
        let t = krait_vm::modules::module_exception(vm, key, "binascii", name, base)?;
        krait_vm::modules::set_attr(vm, m, name, Value::Obj(t));
    }
    vm.add_functions(
        m,
        &[
            ("a2b_base64", a2b_base64),
            ("b2a_base64", b2a_base64),
            ("hexlify", hexlify),
            ("b2a_hex", b2a_hex),
            ("unhexlify", unhexlify),
            ("a2b_hex", a2b_hex),
            ("crc32", crc32),
            ("crc_hqx", crc_hqx),
            ("a2b_uu", a2b_uu),
            ("b2a_uu", b2a_uu),
            ("a2b_qp", a2b_qp),
            ("b2a_qp", b2a_qp),
        ],
    );
    Ok(())
}

fn error(vm: &mut Vm, msg: impl Into<String>) -> PyErr {
    match vm.mods.ext_types.get("binascii.Error").cloned() {
        Some(t) => vm.new_exception_msg(&t, msg),
        None => vm.value_error(msg),
    }
}

/// `ascii_buffer_converter`: bytes-like, or a str of ASCII characters.
fn ascii_data(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = as_pystr(v) {
        if !s.is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.wtf8().to_vec());
    }
    // A buffer that refuses a simple (contiguous) request counts as no buffer.
    let simple = !matches!(v.payload(), Some(Payload::MemoryView(m)) if !m.c_contiguous());
    match krait_vm::objects::bytes::bytes_of(v).filter(|_| simple) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "argument should be bytes, buffer or ASCII string, not '{tn}'"
            )))
        }
    }
}

/// Argument Clinic's `data, /, *, kw...`: exactly one positional argument, then the keyword-only
/// `kw` (absent ones `Value::Null`).
fn data_then_kwonly(
    vm: &mut Vm,
    args: &Args<'_>,
    fname: &str,
    kw: &[&str],
) -> PyResult<(Value, Vec<Value>)> {
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(vm.type_error(format!(
            "{fname}() takes exactly 1 positional argument ({} given)",
            pos.len()
        )));
    }
    let mut out = vec![Value::Null; kw.len()];
    for (k, v) in args.kwargs() {
        let key = vm.str_text(k);
        match kw.iter().position(|n| *n == key) {
            Some(i) => out[i] = v.clone(),
            None => {
                return Err(vm.type_error(format!(
                    "'{key}' is an invalid keyword argument for {fname}()"
                )));
            }
        }
    }
    Ok((pos[0].clone(), out))
}

fn a2b_base64(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (data, kw) = data_then_kwonly(vm, &args, "a2b_base64", &["strict_mode"])?;
    let data = ascii_data(vm, &data)?;
    let strict = int_flag(vm, &kw[0], false)?;
    if strict && data.first() == Some(&b'=') {
        return Err(error(vm, "Leading padding not allowed"));
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 3);
    let (mut quad, mut left, mut pads) = (0u8, 0u8, 0u8);
    let mut padding_started = false;
    let mut done = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(error(vm, "Excess data after padding"));
                    }
                    done = true;
                    break;
                }
            }
            continue;
        }
        let Some(v) = B64.iter().position(|x| *x == c) else {
            if strict {
                return Err(error(vm, "Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding_started {
            return Err(error(vm, "Discontinuous padding not allowed"));
        }
        let v = v as u8;
        pads = 0;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push((left << 6) | v);
                left = 0;
            }
        }
    }
    if !done && quad != 0 {
        return Err(if quad == 1 {
            error(
                vm,
                format!(
                    "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
                    out.len() / 3 * 4 + 1
                ),
            )
        } else {
            error(vm, "Incorrect padding")
        });
    }
    Ok(vm.new_bytes(out))
}

fn b2a_base64(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (data, kw) = data_then_kwonly(vm, &args, "b2a_base64", &["newline"])?;
    let data = buffer_arg(vm, &data)?;
    let newline = int_flag(vm, &kw[0], true)?;
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(B64[(n >> 18) as usize & 63]);
        out.push(B64[(n >> 12) as usize & 63]);
        out.push(if chunk.len() > 1 {
            B64[(n >> 6) as usize & 63]
        } else {
            b'='
        });
        out.push(if chunk.len() > 2 {
            B64[n as usize & 63]
        } else {
            b'='
        });
    }
    if newline {
        out.push(b'\n');
    }
    Ok(vm.new_bytes(out))
}

fn hex_common(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let a = bind_args(vm, &args, name, &["data", "sep", "bytes_per_sep"], 1)?;
    let data = buffer_arg(vm, &a[0])?;
    let digits: Vec<u8> = data
        .iter()
        .flat_map(|b| {
            let h = b"0123456789abcdef";
            [h[usize::from(b >> 4)], h[usize::from(b & 15)]]
        })
        .collect();
    if a[1].is_null() || a[1].is_none() {
        return Ok(vm.new_bytes(digits));
    }
    let sep = match as_pystr(&a[1]) {
        Some(s) => s.wtf8().to_vec(),
        None => buffer_arg(vm, &a[1])?,
    };
    if sep.len() != 1 {
        return Err(vm.value_error("sep must be length 1."));
    }
    let per = if a[2].is_null() {
        1
    } else {
        vm.index_to_i64(&a[2])?
    };
    if per == 0 || data.is_empty() {
        return Ok(vm.new_bytes(digits));
    }
    let group = per.unsigned_abs() as usize;
    let n = data.len();
    let mut out = Vec::with_capacity(digits.len() + n);
    for i in 0..n {
        // Groups count from the right for a positive size, from the left for a negative one.
        let boundary = if per > 0 {
            i > 0 && (n - i) % group == 0
        } else {
            i > 0 && i % group == 0
        };
        if boundary {
            out.push(sep[0]);
        }
        out.extend_from_slice(&digits[2 * i..2 * i + 2]);
    }
    Ok(vm.new_bytes(out))
}

fn hexlify(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    hex_common(vm, args, "hexlify")
}

fn b2a_hex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    hex_common(vm, args, "b2a_hex")
}

fn unhex_common(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let a = bind_args(vm, &args, name, &["hexstr"], 1)?;
    let data = ascii_data(vm, &a[0])?;
    if data.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks(2) {
        let hi = char::from(pair[0]).to_digit(16);
        let lo = char::from(pair[1]).to_digit(16);
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(error(vm, "Non-hexadecimal digit found")),
        }
    }
    Ok(vm.new_bytes(out))
}

fn unhexlify(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    unhex_common(vm, args, "unhexlify")
}

fn a2b_hex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    unhex_common(vm, args, "a2b_hex")
}

/// A CRC's starting value: any int, reduced to its low `bits` bits.
fn crc_start(vm: &mut Vm, v: &Value, bits: u32) -> PyResult<u32> {
    if v.is_null() {
        return Ok(0);
    }
    let n = vm.index_value(v)?;
    let Some(i) = krait_vm::objects::number::int_ref(&n) else {
        return Ok(0);
    };
    let big = i.to_big();
    let mask = (num_bigint::BigInt::from(1u64) << bits) - 1;
    let low = big & mask;
    Ok(u32::try_from(low).unwrap_or(0))
}

fn crc32(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "crc32", &["data", "crc"], 1)?;
    let data = buffer_arg(vm, &a[0])?;
    let start = crc_start(vm, &a[1], 32)?;
    Ok(Value::Int(i64::from(crate::zlib::crc32_update(
        start, &data,
    ))))
}

fn crc_hqx(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "crc_hqx", &["data", "crc"], 2)?;
    let data = buffer_arg(vm, &a[0])?;
    let mut crc = crc_start(vm, &a[1], 16)? as u16;
    for &b in &data {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    Ok(Value::Int(i64::from(crc)))
}

/// A `bool(accept={int})` argument: absent is `default`, else an integer's truth.
fn int_flag(vm: &mut Vm, v: &Value, default: bool) -> PyResult<bool> {
    if v.is_null() {
        return Ok(default);
    }
    Ok(vm.index_to_i64(v)? != 0)
}

/// `a2b_uu(data, /)`: one line of uuencoded data; its first character gives the length.
/// Missing characters at the end of the line count as zeros; what follows the data may only
/// be spaces, backticks and line ends.
fn a2b_uu(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = krait_vm::native::pos_args(vm, &args, "binascii.a2b_uu", 1, 1)?;
    let data = ascii_data(vm, &a[0])?;
    // As CPython, an empty line reads its length from the terminating NUL: 32 zero bytes.
    let (first, rest) = data.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
    let want = usize::from(first.wrapping_sub(b' ') & 0o77);
    let mut out = Vec::with_capacity(want);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut i = 0;
    while out.len() < want {
        let c = rest.get(i).copied();
        let six = match c {
            None | Some(b'\n') | Some(b'\r') => 0,
            Some(c) if !(b' '..=b' ' + 64).contains(&c) => {
                return Err(error(vm, "Illegal char"));
            }
            Some(c) => u32::from(c.wrapping_sub(b' ') & 0o77),
        };
        acc = (acc << 6) | six;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
        i += 1;
    }
    if let Some(rest) = rest.get(i..)
        && rest
            .iter()
            .any(|c| !matches!(c, b' ' | b'`' | b'\n' | b'\r'))
    {
        return Err(error(vm, "Trailing garbage"));
    }
    Ok(vm.new_bytes(out))
}

/// `b2a_uu(data, /, *, backtick=False)`: at most 45 bytes as one uuencoded line.
fn b2a_uu(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (data, kw) = data_then_kwonly(vm, &args, "b2a_uu", &["backtick"])?;
    let data = buffer_arg(vm, &data)?;
    let backtick = int_flag(vm, &kw[0], false)?;
    if data.len() > 45 {
        return Err(error(vm, "At most 45 bytes at once"));
    }
    let enc = |six: u8| {
        if backtick && six == 0 {
            b'`'
        } else {
            b' ' + six
        }
    };
    let mut out = Vec::with_capacity(2 + data.len().div_ceil(3) * 4);
    out.push(enc(data.len() as u8));
    for chunk in data.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(chunk.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(chunk.get(2).copied().unwrap_or(0));
        for shift in [18, 12, 6, 0] {
            out.push(enc((n >> shift) as u8 & 0x3f));
        }
    }
    out.push(b'\n');
    Ok(vm.new_bytes(out))
}

/// Longest quoted-printable line, the soft line break included (RFC 1521).
const QP_MAXLINE: usize = 76;

/// `a2b_qp(data, header=False)`: `=XX` escapes and `=` soft line breaks undone; with
/// `header`, `_` is a space. Malformed escapes pass through as they are.
fn a2b_qp(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "a2b_qp", &["data", "header"], 1)?;
    let data = ascii_data(vm, &a[0])?;
    let header = int_flag(vm, &a[1], false)?;
    let hex = |c: u8| char::from(c).to_digit(16);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        i += 1;
        if c == b'=' {
            let Some(&next) = data.get(i) else { break };
            if next == b'\n' || next == b'\r' {
                // A soft line break: skip to past the end of the line.
                while i < data.len() && data[i] != b'\n' {
                    i += 1;
                }
                if i < data.len() {
                    i += 1;
                }
            } else if next == b'=' {
                out.push(b'=');
                i += 1;
            } else if let (Some(h), Some(l)) = (hex(next), data.get(i + 1).and_then(|&c| hex(c))) {
                out.push((h * 16 + l) as u8);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
        } else {
            out.push(c);
        }
    }
    Ok(vm.new_bytes(out))
}

/// `b2a_qp(data, quotetabs=False, istext=True, header=False)` (`binascii_b2a_qp_impl`): the
/// line ends follow the first one in the data (CRLF if it is one), lines are broken with
/// soft line breaks before 76 characters, and whitespace ending a line is escaped.
fn b2a_qp(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "b2a_qp",
        &["data", "quotetabs", "istext", "header"],
        1,
    )?;
    let data = buffer_arg(vm, &a[0])?;
    let quotetabs = int_flag(vm, &a[1], false)?;
    let istext = int_flag(vm, &a[2], true)?;
    let header = int_flag(vm, &a[3], false)?;
    let crlf =
        matches!(data.iter().position(|&c| c == b'\n'), Some(p) if p > 0 && data[p - 1] == b'\r');
    let hexdig = b"0123456789ABCDEF";
    let mut out: Vec<u8> = Vec::with_capacity(data.len() * 3 / 2);
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let n = data.len();
    let mut linelen = 0usize;
    let mut i = 0;
    while i < n {
        let c = data[i];
        let last = i + 1 == n;
        let next = data.get(i + 1).copied();
        let encode = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.'
                && linelen == 0
                && matches!(next, None | Some(b'\n') | Some(b'\r') | Some(0)))
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && last)
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if encode {
            if linelen + 3 >= QP_MAXLINE {
                soft_break(&mut out);
                linelen = 0;
            }
            out.extend_from_slice(&[
                b'=',
                hexdig[usize::from(c >> 4)],
                hexdig[usize::from(c & 15)],
            ]);
            linelen += 3;
            i += 1;
        } else if istext && (c == b'\n' || (c == b'\r' && next == Some(b'\n'))) {
            linelen = 0;
            // Whitespace ending a line is escaped.
            if let Some(&w) = out.last()
                && (w == b' ' || w == b'\t')
            {
                out.pop();
                out.extend_from_slice(&[
                    b'=',
                    hexdig[usize::from(w >> 4)],
                    hexdig[usize::from(w & 15)],
                ]);
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if !last && next != Some(b'\n') && linelen + 1 >= QP_MAXLINE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            out.push(if header && c == b' ' { b'_' } else { c });
            i += 1;
        }
    }
    Ok(vm.new_bytes(out))
}
