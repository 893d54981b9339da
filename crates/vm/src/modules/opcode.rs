//! `_opcode`: `stack_effect` for `dis.stack_effect` (CPython: `Modules/_opcode.c` over the
//! compiler's table). The numbers are CPython 3.11's opcodes (`opcode.opmap`), the negative ones
//! its compiler's pseudo-instructions; Krait's own bytecode is not involved, so `dis` answers
//! about CPython bytecode as CPython does.

use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

/// Opcodes from here on take an argument (`opcode.HAVE_ARGUMENT`).
const HAVE_ARGUMENT: i32 = 90;

/// The net change in stack depth of `op` with argument `oparg`; `jump` is 1 when the jump is
/// taken, 0 when not, -1 for the larger of the two. `None` for an unknown opcode.
fn stack_effect(op: i32, oparg: i32, jump: i32) -> Option<i32> {
    // C int arithmetic: it wraps, and INT_MAX is the compiler's "invalid" answer.
    let n = match op {
        // CACHE NOP UNARY_POSITIVE UNARY_NEGATIVE UNARY_NOT UNARY_INVERT CHECK_EXC_MATCH CHECK_EG_MATCH GET_AITER GET_ITER GET_YIELD_FROM_ITER RETURN_GENERATOR LIST_TO_TUPLE SETUP_ANNOTATIONS YIELD_VALUE ASYNC_GEN_WRAP DELETE_NAME DELETE_GLOBAL SWAP LOAD_ATTR JUMP_FORWARD DELETE_FAST GET_AWAITABLE JUMP_BACKWARD_NO_INTERRUPT MAKE_CELL DELETE_DEREF JUMP_BACKWARD EXTENDED_ARG COPY_FREE_VARS RESUME KW_NAMES
        0 | 9 | 10 | 11 | 12 | 15 | 36 | 37 | 50 | 68 | 69 | 75 | 82 | 85 | 86 | 87 | 91 | 98
        | 99 | 106 | 110 | 126 | 131 | 134 | 135 | 139 | 140 | 144 | 149 | 151 | 172 => 0,
        // POP_TOP BINARY_SUBSCR PRINT_EXPR RETURN_VALUE IMPORT_STAR PREP_RERAISE_STAR POP_EXCEPT STORE_NAME DELETE_ATTR STORE_GLOBAL COMPARE_OP IMPORT_NAME POP_JUMP_FORWARD_IF_FALSE POP_JUMP_FORWARD_IF_TRUE IS_OP CONTAINS_OP RERAISE BINARY_OP STORE_FAST POP_JUMP_FORWARD_IF_NOT_NONE POP_JUMP_FORWARD_IF_NONE STORE_DEREF LIST_APPEND SET_ADD LIST_EXTEND SET_UPDATE DICT_MERGE DICT_UPDATE CALL POP_JUMP_BACKWARD_IF_NOT_NONE POP_JUMP_BACKWARD_IF_NONE POP_JUMP_BACKWARD_IF_FALSE POP_JUMP_BACKWARD_IF_TRUE
        1 | 25 | 70 | 83 | 84 | 88 | 89 | 90 | 96 | 97 | 107 | 108 | 114 | 115 | 117 | 118
        | 119 | 122 | 125 | 128 | 129 | 138 | 145 | 146 | 162 | 163 | 164 | 165 | 171 | 173
        | 174 | 175 | 176 => -1,
        // END_ASYNC_FOR DELETE_SUBSCR STORE_ATTR MAP_ADD MATCH_CLASS
        54 | 61 | 95 | 147 | 152 => -2,
        // STORE_SUBSCR
        60 => -3,
        // PUSH_NULL GET_LEN MATCH_MAPPING MATCH_SEQUENCE MATCH_KEYS PUSH_EXC_INFO WITH_EXCEPT_START GET_ANEXT BEFORE_ASYNC_WITH BEFORE_WITH LOAD_BUILD_CLASS LOAD_ASSERTION_ERROR LOAD_CONST LOAD_NAME IMPORT_FROM COPY LOAD_FAST LOAD_CLOSURE LOAD_DEREF LOAD_CLASSDEREF LOAD_METHOD
        2 | 30 | 31 | 32 | 33 | 35 | 49 | 51 | 52 | 53 | 71 | 74 | 100 | 101 | 109 | 120 | 124
        | 136 | 137 | 148 | 160 => 1,
        // UNPACK_SEQUENCE
        92 => oparg.wrapping_sub(1),
        // UNPACK_EX
        94 => (oparg & 0xff) + (oparg >> 8),
        // FOR_ITER
        93 => {
            if jump > 0 {
                -1
            } else {
                1
            }
        }
        // SEND
        123 => {
            if jump > 0 {
                -1
            } else {
                0
            }
        }
        // BUILD_TUPLE BUILD_LIST BUILD_SET BUILD_STRING
        102 | 103 | 104 | 157 => 1i32.wrapping_sub(oparg),
        // BUILD_MAP
        105 => 1i32.wrapping_sub(oparg.wrapping_mul(2)),
        // RAISE_VARARGS BUILD_CONST_KEY_MAP PRECALL
        130 | 156 | 166 => oparg.wrapping_neg(),
        // JUMP_IF_FALSE_OR_POP JUMP_IF_TRUE_OR_POP
        111 | 112 => {
            if jump != 0 {
                0
            } else {
                -1
            }
        }
        // LOAD_GLOBAL
        116 => (oparg & 1) + 1,
        // CALL_FUNCTION_EX
        142 => -2 - (oparg & 1),
        // MAKE_FUNCTION
        132 => -((oparg & 1) + (oparg >> 1 & 1) + (oparg >> 2 & 1) + (oparg >> 3 & 1)),
        // BUILD_SLICE
        133 => {
            if oparg == 3 {
                -2
            } else {
                -1
            }
        }
        // FORMAT_VALUE
        155 => {
            if oparg & 0x04 == 0x04 {
                -1
            } else {
                0
            }
        }
        // SETUP_FINALLY, SETUP_CLEANUP, SETUP_WITH (pseudo)
        -1 | -3 => i32::from(jump != 0),
        -2 => {
            if jump != 0 {
                2
            } else {
                0
            }
        }
        // POP_BLOCK, JUMP, JUMP_NO_INTERRUPT (pseudo)
        -6..=-4 => 0,
        // POP_JUMP_IF_FALSE/TRUE/NONE/NOT_NONE (pseudo)
        -10..=-7 => -1,
        _ => return None,
    };
    (n != i32::MAX).then_some(n)
}

fn opcode_stack_effect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if pos.is_empty() {
        return Err(vm.type_error(
            "stack_effect() takes at least 1 positional argument (0 given)".to_string(),
        ));
    }
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "stack_effect() takes at most 2 positional arguments ({} given)",
            pos.len()
        )));
    }
    let mut jump_v = Value::None;
    for (k, v) in args.kwargs() {
        let key = vm.str_text(k);
        if key != "jump" {
            return Err(vm.type_error(format!(
                "'{key}' is an invalid keyword argument for stack_effect()"
            )));
        }
        jump_v = v.clone();
    }
    let op = vm.index_to_i64(&pos[0])?;
    let op = i32::try_from(op)
        .map_err(|_| vm.overflow_error("Python int too large to convert to C int".to_string()))?;
    let oparg = pos.get(1).filter(|v| !v.is_none());
    let oparg = if op >= HAVE_ARGUMENT {
        let Some(v) = oparg else {
            return Err(vm.value_error(
                "stack_effect: opcode requires oparg but oparg was not specified".to_string(),
            ));
        };
        // CPython reads a C long and keeps its low 32 bits as a C int.
        let n = vm.index_to_i64(v).map_err(|e| {
            if vm.err_matches(&e, &vm.types.overflow_error.clone()) {
                vm.overflow_error("Python int too large to convert to C long".to_string())
            } else {
                e
            }
        })?;
        n as i32
    } else {
        if oparg.is_some() {
            return Err(vm.value_error(
                "stack_effect: opcode does not permit oparg but oparg was specified".to_string(),
            ));
        }
        0
    };
    let jump = match &jump_v {
        Value::None => -1,
        Value::Bool(b) => i32::from(b.get()),
        _ => {
            return Err(
                vm.value_error("stack_effect: jump must be False, True or None".to_string())
            );
        }
    };
    match stack_effect(op, oparg, jump) {
        Some(n) => Ok(Value::Int(i64::from(n))),
        None => Err(vm.value_error("invalid opcode or oparg".to_string())),
    }
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(m, &[("stack_effect", opcode_stack_effect)]);
    Ok(())
}
