//! Structural checks every compiled code object must pass.

use krait_bytecode::{ArgKind, CodeObject, Constant, Opcode};

/// Walk every path through `code` with the opcode table's stack effects: the depth never goes
/// negative or above `max_stack`, jump and handler targets are in range, and every slot,
/// name and constant operand indexes something that exists. Recurses into nested code.
pub(crate) fn check_code(code: &CodeObject) -> Result<(), String> {
    let n = code.instructions.len();
    let err = |msg: String| Err(format!("{} ({}): {msg}", code.qualname, code.filename));
    if code.positions.len() != n {
        return err("positions and instructions differ in length".into());
    }
    for (i, ins) in code.instructions.iter().enumerate() {
        let a = ins.arg as usize;
        let ok = match ins.op.arg_kind() {
            ArgKind::Jump => a < n,
            ArgKind::Const => a < code.constants.len(),
            ArgKind::Name => a < code.names.len(),
            ArgKind::GlobalName => (a >> 1) < code.names.len(),
            ArgKind::Local => a < code.localsplus.len(),
            _ => true,
        };
        if !ok {
            return err(format!(
                "operand out of range at {i}: {:?} {}",
                ins.op, ins.arg
            ));
        }
    }
    let mut depth: Vec<Option<i64>> = vec![None; n];
    let mut todo: Vec<(usize, i64)> = vec![(0, 0)];
    for e in &code.exception_table {
        if e.start > e.end || e.end as usize > n || e.target as usize >= n {
            return err(format!("bad exception table row {e:?}"));
        }
        let d = i64::from(e.depth) + i64::from(e.lasti) + 1;
        todo.push((e.target as usize, d));
    }
    while let Some((pc, d)) = todo.pop() {
        if pc >= n {
            return err(format!("fell off the end at {pc}"));
        }
        match depth[pc] {
            Some(old) if old == d => continue,
            Some(old) => return err(format!("inconsistent depth at {pc}: {old} vs {d}")),
            None => depth[pc] = Some(d),
        }
        let ins = code.instructions[pc];
        let mut eff = i64::from(ins.op.stack_effect(ins.arg, false));
        if ins.op == Opcode::RETURN_GENERATOR {
            eff = 1;
        }
        let nd = d + eff;
        if nd < 0 || d < 0 {
            return err(format!("negative stack depth at {pc} ({:?})", ins.op));
        }
        if nd > i64::from(code.max_stack) + 1 {
            return err(format!(
                "depth {nd} above max_stack {} at {pc}",
                code.max_stack
            ));
        }
        if ins.op.arg_kind() == ArgKind::Jump {
            let jd = d + i64::from(ins.op.stack_effect(ins.arg, true));
            todo.push((ins.arg as usize, jd));
        }
        let stops = matches!(
            ins.op,
            Opcode::RETURN_VALUE
                | Opcode::RAISE_VARARGS
                | Opcode::RERAISE
                | Opcode::JUMP_FORWARD
                | Opcode::JUMP_BACKWARD
                | Opcode::JUMP_BACKWARD_NO_INTERRUPT
        );
        if !stops {
            todo.push((pc + 1, nd));
        }
    }
    for c in &code.constants {
        if let Constant::Code(inner) = c {
            check_code(inner)?;
        }
    }
    Ok(())
}
