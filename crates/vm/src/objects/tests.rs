//! Storage-layer tests. Expected orders come from CPython 3.11:
//! `PYTHONHASHSEED=0 python3 -c "s=set(); [s.add(x) for x in XS]; print(list(s))"`.

use super::dict::Slot;
use super::dict::{DictTable, Probe};
use super::set::{SetProbe, SetTable};
use super::str::PyStr;

/// A test key: an int, or the hole marker.
#[derive(Clone, Debug, PartialEq)]
enum K {
    Hole,
    Int(i64),
}

impl Slot for K {
    fn into_parts(self) -> (u8, u64) {
        match self {
            K::Hole => (0, 0),
            K::Int(i) => (1, i as u64),
        }
    }
    unsafe fn from_parts(tag: u8, bits: u64) -> K {
        match tag {
            0 => K::Hole,
            _ => K::Int(bits as i64),
        }
    }
}

fn int_value(i: i64) -> K {
    K::Int(i)
}

fn int_of(k: &K) -> i64 {
    match k {
        K::Int(i) => *i,
        K::Hole => i64::MIN,
    }
}

fn hash_int(i: i64) -> i64 {
    krait_common::hash::hash_i64(i)
}

fn set_add(t: &mut SetTable<K>, x: i64) {
    let h = hash_int(x);
    let mut st = t.probe_start(h);
    loop {
        match t.probe(h, st) {
            SetProbe::Vacant { slot } => return t.insert_at(slot, h, int_value(x)),
            SetProbe::Candidate { slot, next } => {
                if t.key_at(slot).map(|k| int_of(&k)) == Some(x) {
                    return;
                }
                st = next;
            }
        }
    }
}

fn set_discard(t: &mut SetTable<K>, x: i64) {
    let h = hash_int(x);
    let mut st = t.probe_start(h);
    loop {
        match t.probe(h, st) {
            SetProbe::Vacant { .. } => return,
            SetProbe::Candidate { slot, next } => {
                if t.key_at(slot).map(|k| int_of(&k)) == Some(x) {
                    t.remove_at(slot);
                    return;
                }
                st = next;
            }
        }
    }
}

fn order(t: &SetTable<K>) -> Vec<i64> {
    t.iter().map(|(_, k)| int_of(&k)).collect()
}

#[test]
fn set_order_matches_cpython() {
    let mut t: SetTable<K> = SetTable::new();
    for x in [
        5,
        13,
        21,
        3,
        100,
        -1,
        29,
        37,
        45,
        8,
        16,
        24,
        1000,
        1 << 40,
        7,
        -8,
    ] {
        set_add(&mut t, x);
    }
    assert_eq!(
        order(&t),
        [
            1099511627776,
            3,
            100,
            5,
            37,
            7,
            8,
            1000,
            -8,
            13,
            45,
            16,
            21,
            24,
            29,
            -1
        ]
    );

    let mut t: SetTable<K> = SetTable::new();
    for x in (0..200).step_by(7) {
        set_add(&mut t, x);
    }
    let expected = [
        0, 133, 7, 140, 14, 147, 21, 154, 28, 161, 35, 168, 42, 175, 49, 182, 56, 189, 63, 196, 70,
        77, 84, 91, 98, 105, 112, 119, 126,
    ];
    assert_eq!(order(&t), expected);
}

#[test]
fn set_order_after_discards_matches_cpython() {
    let mut t: SetTable<K> = SetTable::new();
    for x in 0..100 {
        set_add(&mut t, x * x);
    }
    for x in (0..100).step_by(3) {
        set_discard(&mut t, x * x);
    }
    let expected = [
        1, 1024, 4096, 4, 16, 529, 4624, 25, 49, 7225, 3136, 64, 1600, 2116, 6724, 7744, 8281,
        6241, 100, 625, 121, 4225, 1156, 8836, 3721, 1681, 2704, 5776, 2209, 676, 169, 9409, 196,
        1225, 5329, 7396, 6889, 7921, 2809, 256, 6400, 3844, 784, 8464, 289, 3364, 4900, 5929,
        1849, 9025, 841, 1369, 2401, 5476, 361, 9604, 4489, 400, 1936, 3481, 1444, 5041, 961, 2500,
        3025, 484,
    ];
    assert_eq!(order(&t), expected);
    assert_eq!(t.len(), expected.len());
}

fn dict_find(t: &DictTable<K>, x: i64) -> Option<usize> {
    let h = hash_int(x);
    let mut st = t.probe_start(h);
    loop {
        match t.probe(h, st) {
            Probe::Vacant { .. } => return None,
            Probe::Candidate { entry, next } => {
                if t.entry(entry).map(|e| int_of(&e.key)) == Some(x) {
                    return Some(entry);
                }
                st = next;
            }
        }
    }
}

#[test]
fn dict_keeps_insertion_order_through_deletes_and_resizes() {
    let mut t: DictTable<K> = DictTable::new();
    for x in 0..1000 {
        t.insert_new(hash_int(x * 7919), int_value(x * 7919), int_value(x));
    }
    for x in (0..1000).filter(|x| x % 3 == 0) {
        let e = dict_find(&t, x * 7919).expect("present");
        t.remove_entry(e);
    }
    for x in 1000..1100 {
        t.insert_new(hash_int(x * 7919), int_value(x * 7919), int_value(x));
    }
    let values: Vec<i64> = t.iter().map(|e| int_of(&e.value)).collect();
    let expected: Vec<i64> = (0..1100).filter(|x| x >= &1000 || x % 3 != 0).collect();
    assert_eq!(values, expected);
    assert_eq!(t.len(), expected.len());
    assert!(dict_find(&t, 3 * 7919).is_none());
    assert!(dict_find(&t, 4 * 7919).is_some());
}

#[test]
fn str_storage_handles_surrogates_and_offsets() {
    let s = PyStr::from_code_points([0x61, 0xD800, 0xE9, 0x1F600, 0x62]);
    assert_eq!(s.len(), 5);
    assert!(s.has_surrogates());
    assert!(s.to_str().is_none());
    assert_eq!(s.code_points(), [0x61, 0xD800, 0xE9, 0x1F600, 0x62]);
    assert_eq!(s.char_at(3), Some(0x1F600));
    assert_eq!(
        s.chars().rev().collect::<Vec<_>>(),
        [0x62, 0x1F600, 0xE9, 0xD800, 0x61]
    );
    let t = PyStr::new("héllo");
    assert_eq!(t.len(), 5);
    assert!(!t.is_ascii());
    assert_eq!(t.byte_offset(2), 3);
    assert_eq!(t.to_str(), Some("héllo"));
    assert_eq!(PyStr::new("abc").max_char(), 0x63);
}

/// `PackedVec` against `Vec` as a model, through growth, shrinking and every edit.
#[test]
fn packed_vec_matches_vec() {
    use super::packed::PackedVec;
    use crate::value::Value;
    fn v(i: i64) -> Value {
        match i % 4 {
            0 => Value::Int(i),
            1 => Value::float(i as f64 / 2.0),
            2 => Value::None,
            _ => Value::bool(i % 3 == 0),
        }
    }
    // Only inline values here, so the parts own nothing.
    fn parts(vs: &[Value]) -> Vec<(u8, u64)> {
        vs.iter().map(|v| v.clone().into_parts()).collect()
    }
    fn one(v: Option<Value>) -> Option<(u8, u64)> {
        v.map(Slot::into_parts)
    }
    fn same(p: &PackedVec<Value>, m: &[Value]) {
        assert_eq!(parts(&p.to_vec()), parts(m));
        assert_eq!(p.len(), m.len());
    }
    let mut p: PackedVec<Value> = PackedVec::new();
    let mut m: Vec<Value> = Vec::new();
    for i in 0..100 {
        p.push(v(i));
        m.push(v(i));
    }
    same(&p, &m);
    // CPython's growth: an empty list appended to 100 times holds 100 + a few.
    assert!(
        p.capacity() >= 100 && p.capacity() <= 120,
        "{}",
        p.capacity()
    );
    p.insert(0, v(7));
    m.insert(0, v(7));
    p.insert(50, v(9));
    m.insert(50, v(9));
    p.insert(p.len(), v(11));
    m.insert(m.len(), v(11));
    same(&p, &m);
    assert_eq!(one(Some(p.remove(3))), one(Some(m.remove(3))));
    let removed = p.splice(10..20, vec![v(1), v(2)]);
    let expect: Vec<Value> = m.splice(10..20, vec![v(1), v(2)]).collect();
    assert_eq!(parts(&removed), parts(&expect));
    same(&p, &m);
    let removed = p.splice(5..6, (0..30).map(v).collect());
    let expect: Vec<Value> = m.splice(5..6, (0..30).map(v)).collect();
    assert_eq!(parts(&removed), parts(&expect));
    same(&p, &m);
    p.reverse();
    m.reverse();
    p.swap(0, 5);
    m.swap(0, 5);
    same(&p, &m);
    p.truncate(40);
    m.truncate(40);
    p.shrink_to_fit();
    assert_eq!(p.capacity(), 40);
    same(&p, &m);
    let r = p.repeat(3);
    let mr: Vec<Value> = m.iter().cloned().cycle().take(120).collect();
    same(&r, &mr);
    assert_eq!(one(p.pop()), one(m.pop()));
    assert_eq!(
        parts(&p.iter().rev().collect::<Vec<_>>()),
        parts(&m.iter().rev().cloned().collect::<Vec<_>>())
    );
    let q: PackedVec<Value> = m.clone().into();
    same(&q, &m);
    same(&q.clone(), &m);
    same(&PackedVec::from(q.into_vec()), &m);
    p.clear();
    assert!(p.is_empty() && p.get(0).is_none());
}
