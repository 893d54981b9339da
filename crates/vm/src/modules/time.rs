//! The `time` module (CPython: `Modules/timemodule.c`): the clocks and `sleep` come from the
//! interpreter's `Host` (a sandbox may fix or virtualise them). Local time is UTC (Krait reads
//! no time-zone database yet). `struct_time` and the calendar arithmetic are Python, in
//! `PRELUDE`.

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

const PRELUDE: &str = r#"
class struct_time(tuple):
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    _names = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday',
              'tm_yday', 'tm_isdst')

    def __new__(cls, seq, dict=None):
        seq = tuple(seq)
        if len(seq) < 9:
            raise TypeError(f"time.struct_time() takes an at least 9-sequence ({len(seq)}-sequence given)")
        if len(seq) > 11:
            raise TypeError(f"time.struct_time() takes an at most 11-sequence ({len(seq)}-sequence given)")
        self = tuple.__new__(cls, seq[:9])
        extra = list(seq[9:]) + [None] * (11 - len(seq))
        self.__dict__['_extra'] = tuple(extra)
        return self

    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")

    tm_year = property(lambda self: self[0])
    tm_mon = property(lambda self: self[1])
    tm_mday = property(lambda self: self[2])
    tm_hour = property(lambda self: self[3])
    tm_min = property(lambda self: self[4])
    tm_sec = property(lambda self: self[5])
    tm_wday = property(lambda self: self[6])
    tm_yday = property(lambda self: self[7])
    tm_isdst = property(lambda self: self[8])
    tm_zone = property(lambda self: self._extra[0])
    tm_gmtoff = property(lambda self: self._extra[1])

    def __repr__(self):
        fields = ', '.join(f'{n}={v!r}' for n, v in zip(self._names, self))
        return f'time.struct_time({fields})'

    def __reduce__(self):
        return (struct_time, (tuple(self) + self._extra,))

struct_time.__module__ = 'time'
# struct_time has tm_zone and tm_gmtoff (CPython: 11 where the C library has them).
_STRUCT_TM_ITEMS = 11

timezone = 0
altzone = 0
daylight = 0
tzname = ('UTC', 'UTC')
_DAYS = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_MONTHS = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')
_LONG_DAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
_LONG_MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                'September', 'October', 'November', 'December')


def _civil(days):
    # Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
    days += 719468
    era = days // 146097
    doe = days - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _secs(secs):
    # CPython's _PyTime_ObjectToTime_t (rounding down) into a 64-bit time_t.
    if secs is None:
        return int(time())
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError("Invalid value NaN (not a number)")
        if not -9223372036854775808.0 <= secs < 9223372036854775808.0:
            raise OverflowError("timestamp out of range for platform time_t")
        return int(secs // 1)
    from _operator import index
    s = index(secs)
    if not -9223372036854775808 <= s <= 9223372036854775807:
        raise OverflowError("timestamp out of range for platform time_t")
    return s


def gmtime(seconds=None):
    """Convert seconds since the Epoch to a time tuple expressing UTC."""
    s = _secs(seconds)
    days, rem = divmod(s, 86400)
    y, m, d = _civil(days)
    if not -2147483648 <= y - 1900 <= 2147483647:
        # The C library's struct tm holds the year in an int (EOVERFLOW).
        raise OSError(75, 'Value too large for defined data type')
    yday = days - _days_from_civil(y, 1, 1) + 1
    return struct_time((y, m, d, rem // 3600, rem // 60 % 60, rem % 60, (days + 3) % 7, yday, 0,
                        'GMT', 0))


def localtime(seconds=None):
    """Convert seconds since the Epoch to a time tuple expressing local time (UTC here)."""
    t = gmtime(seconds)
    return struct_time(tuple(t) + ('UTC', 0))


def mktime(t):
    """Convert a time tuple in local time to seconds since the Epoch."""
    t = tuple(t)
    if len(t) != 9 and len(t) != 11:
        raise TypeError("mktime(): illegal time tuple argument")
    y, m, d, hh, mm, ss = t[:6]
    return float(_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss)


def _tuple(t):
    if t is None:
        return localtime()
    if not isinstance(t, tuple):
        raise TypeError("Tuple or struct_time argument required")
    if len(t) != 9 and not isinstance(t, struct_time):
        raise TypeError("function takes exactly 9 arguments (%d given)" % len(t))
    return t


def asctime(t=None):
    """Convert a time tuple to a string, e.g. 'Sat Jun 06 16:26:11 1998'."""
    t = _tuple(t)
    return '%s %s %2d %02d:%02d:%02d %d' % (_DAYS[t[6]], _MONTHS[t[1] - 1], t[2], t[3], t[4],
                                            t[5], t[0])


def ctime(seconds=None):
    """Convert a time in seconds since the Epoch to a string in local time."""
    return asctime(localtime(seconds))


def strptime(string, format="%a %b %d %H:%M:%S %Y"):
    """Parse a string to a time tuple according to a format specification."""
    import _strptime
    return _strptime._strptime_time(string, format)


def strftime(format, t=None):
    """Convert a time tuple to a string according to a format specification."""
    t = _tuple(t)
    zone = getattr(t, 'tm_zone', None) or 'UTC'
    out = []
    i = 0
    while i < len(format):
        c = format[i]
        if c != '%' or i + 1 == len(format):
            out.append(c)
            i += 1
            continue
        f = format[i + 1]
        i += 2
        if f == 'Y': out.append('%d' % t[0])
        elif f == 'y': out.append('%02d' % (t[0] % 100))
        elif f == 'm': out.append('%02d' % t[1])
        elif f == 'd': out.append('%02d' % t[2])
        elif f == 'e': out.append('%2d' % t[2])
        elif f == 'H': out.append('%02d' % t[3])
        elif f == 'I': out.append('%02d' % ((t[3] + 11) % 12 + 1))
        elif f == 'M': out.append('%02d' % t[4])
        elif f == 'S': out.append('%02d' % t[5])
        elif f == 'p': out.append('AM' if t[3] < 12 else 'PM')
        elif f == 'a': out.append(_DAYS[t[6]])
        elif f == 'A': out.append(_LONG_DAYS[t[6]])
        elif f == 'b' or f == 'h': out.append(_MONTHS[t[1] - 1])
        elif f == 'B': out.append(_LONG_MONTHS[t[1] - 1])
        elif f == 'j': out.append('%03d' % t[7])
        elif f == 'w': out.append('%d' % ((t[6] + 1) % 7))
        elif f == 'u': out.append('%d' % (t[6] + 1))
        elif f == 'Z': out.append(zone)
        elif f == 'z': out.append('+0000')
        elif f == 'F': out.append('%d-%02d-%02d' % (t[0], t[1], t[2]))
        elif f == 'T': out.append('%02d:%02d:%02d' % (t[3], t[4], t[5]))
        elif f == 'D': out.append('%02d/%02d/%02d' % (t[1], t[2], t[0] % 100))
        elif f == 'c': out.append(asctime(t))
        elif f == 'x': out.append('%02d/%02d/%02d' % (t[1], t[2], t[0] % 100))
        elif f == 'X': out.append('%02d:%02d:%02d' % (t[3], t[4], t[5]))
        elif f == 'n': out.append('\n')
        elif f == 't': out.append('\t')
        elif f == '%': out.append('%')
        else: out.append('%' + f)
    return ''.join(out)

_CLOCKS = {
    'time': ('clock_gettime(CLOCK_REALTIME)', False, True),
    'monotonic': ('clock_gettime(CLOCK_MONOTONIC)', True, False),
    'perf_counter': ('clock_gettime(CLOCK_MONOTONIC)', True, False),
    'process_time': ('clock_gettime(CLOCK_PROCESS_CPUTIME_ID)', True, False),
    'thread_time': ('clock_gettime(CLOCK_THREAD_CPUTIME_ID)', True, False),
}

def get_clock_info(name):
    import sys
    info = _CLOCKS.get(name)
    if info is None:
        raise ValueError('unknown clock')
    return type(sys.implementation)(implementation=info[0], monotonic=info[1],
                                    adjustable=info[2], resolution=1e-09)
"#;

/// Fill the `time` module.
pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("time", time_time),
            ("time_ns", time_time_ns),
            ("monotonic", time_monotonic),
            ("monotonic_ns", time_monotonic_ns),
            ("perf_counter", time_monotonic),
            ("perf_counter_ns", time_monotonic_ns),
            ("process_time", time_monotonic),
            ("process_time_ns", time_monotonic_ns),
            ("thread_time", time_monotonic),
            ("thread_time_ns", time_monotonic_ns),
            ("sleep", time_sleep),
        ],
    );
    let Payload::Module(md) = &m.payload else {
        return Ok(());
    };
    let d = md.dict.clone();
    let bm = Value::Obj(vm.builtins_module.clone());
    vm.set_dict_str(&d, "__builtins__", bm);
    let co = vm.compile_builtin_source(PRELUDE, "<time>", "_krait_time")?;
    vm.run_code(co, d, None)?;
    Ok(())
}

fn no_args(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<()> {
    crate::native::no_kwargs(vm, args, name)?;
    if !args.pos().is_empty() {
        return Err(vm.type_error(format!(
            "time.{name}() takes no arguments ({} given)",
            args.pos().len()
        )));
    }
    Ok(())
}

fn time_time(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, &args, "time")?;
    Ok(Value::float(vm.host.time()))
}

fn time_time_ns(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, &args, "time_ns")?;
    Ok(Value::Int((vm.host.time() * 1e9) as i64))
}

fn time_monotonic(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, &args, "monotonic")?;
    Ok(Value::float(vm.host.monotonic()))
}

/// The host's monotonic clock in nanoseconds (`perf_counter_ns`; `_lsprof`'s default timer).
pub(crate) fn monotonic_ns(vm: &mut Vm) -> i64 {
    (vm.host.monotonic() * 1e9) as i64
}

fn time_monotonic_ns(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_args(vm, &args, "monotonic_ns")?;
    Ok(Value::Int((vm.host.monotonic() * 1e9) as i64))
}

fn time_sleep(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "sleep")?;
    let [secs] = args.pos() else {
        return Err(vm.type_error(format!(
            "time.sleep() takes exactly one argument ({} given)",
            args.pos().len()
        )));
    };
    let secs = match secs {
        Value::Int(i) => *i as f64,
        Value::Float(f) => f.get(),
        v => {
            let f = vm.getattr_str(v, "__float__").ok();
            match f {
                Some(f) => match vm.call_pos(&f, &[])? {
                    Value::Float(x) => x.get(),
                    _ => {
                        return Err(
                            vm.type_error("'float' object cannot be interpreted as an integer")
                        );
                    }
                },
                None => {
                    let n = vm.index_to_i64(v)?;
                    n as f64
                }
            }
        }
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    // CPython converts to a 64-bit count of nanoseconds first.
    if secs * 1e9 >= i64::MAX as f64 {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    // In slices, with the interrupt check between them: a timeout, a host-side cancel or
    // Ctrl-C ends a long sleep within a slice, not when it is over.
    // Counted in whole nanoseconds (as CPython converts), so the slices add up exactly.
    const SLICE_NS: u64 = 50_000_000;
    let mut left = (secs * 1e9).round() as u64;
    if left == 0 {
        // `sleep(0)` lets the other threads run, as in CPython.
        vm.yield_thread();
    }
    while left > 0 {
        let step = left.min(SLICE_NS);
        let secs = step as f64 / 1e9;
        match vm.host.detached_sleep() {
            Some(sleep) if vm.threads_active() => vm.allow_threads(move || sleep(secs)),
            _ => {
                vm.host.sleep(secs);
                vm.yield_thread();
            }
        }
        left -= step;
        vm.tick(1)?;
    }
    Ok(Value::None)
}
