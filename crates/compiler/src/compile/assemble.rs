//! From a unit's basic blocks to a `CodeObject`, following the pass order of CPython 3.11's
//! `assemble()`: prefix instructions, the peephole pass over each block, block extension,
//! unreachable-code removal, exit duplication, line propagation, stack depth, exception-table
//! labelling, jump resolution and cell-slot fix-ups.

use krait_bytecode::{
    CodeFlags, CodeObject, Constant, ExceptionTableEntry, Instruction, LocalKind, Opcode, Position,
};

use super::{Arg, Block, BlockId, Instr, Op, Unit};
use crate::symtable::SymbolTable;

mod peephole;

const MAX_COPY_SIZE: usize = 4;

fn is_block_push(op: Op) -> bool {
    matches!(op, Op::SetupFinally | Op::SetupCleanup | Op::SetupWith)
}

fn is_uncond_jump(op: Op) -> bool {
    matches!(
        op,
        Op::Jump
            | Op::JumpNoInterrupt
            | Op::Real(
                Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT
            )
    )
}

fn is_scope_exit(op: Op) -> bool {
    matches!(
        op,
        Op::Real(Opcode::RETURN_VALUE | Opcode::RAISE_VARARGS | Opcode::RERAISE)
    )
}

fn real(op: Opcode) -> Op {
    Op::Real(op)
}

struct Cfg {
    blocks: Vec<Block>,
    consts: Vec<Constant>,
}

impl Cfg {
    fn order(&self) -> Vec<BlockId> {
        let mut v = Vec::new();
        let mut seen = vec![false; self.blocks.len()];
        let mut b = Some(0);
        while let Some(id) = b {
            if seen[id] {
                break;
            }
            seen[id] = true;
            v.push(id);
            b = self.blocks[id].next;
        }
        v
    }

    fn falls_through(&self, b: BlockId) -> bool {
        match self.blocks[b].instrs.last() {
            None => true,
            Some(i) => !(is_uncond_jump(i.op) || is_scope_exit(i.op)),
        }
    }

    fn exits_scope(&self, b: BlockId) -> bool {
        self.blocks[b]
            .instrs
            .last()
            .is_some_and(|i| is_scope_exit(i.op))
    }

    fn first_instr(&self, b: BlockId) -> Option<&Instr> {
        self.blocks[b].instrs.first()
    }

    fn predecessors(&self) -> Vec<u32> {
        let mut preds = vec![0u32; self.blocks.len()];
        let mut stack = vec![0usize];
        preds[0] = 1;
        while let Some(b) = stack.pop() {
            let mut succ: Vec<BlockId> = self.blocks[b]
                .instrs
                .iter()
                .filter_map(|i| i.target)
                .collect();
            if self.falls_through(b)
                && let Some(n) = self.blocks[b].next
            {
                succ.push(n);
            }
            for t in succ {
                if preds[t] == 0 {
                    stack.push(t);
                }
                preds[t] += 1;
            }
        }
        preds
    }

    /// Retarget jumps aimed at empty blocks and unlink the empty blocks.
    fn eliminate_empty_blocks(&mut self) {
        let n = self.blocks.len();
        let resolve = |blocks: &Vec<Block>, mut b: BlockId| {
            let mut guard = 0;
            while blocks[b].instrs.is_empty() && guard < n {
                match blocks[b].next {
                    Some(nx) => b = nx,
                    None => break,
                }
                guard += 1;
            }
            b
        };
        for b in 0..n {
            for k in 0..self.blocks[b].instrs.len() {
                if let Some(t) = self.blocks[b].instrs[k].target {
                    let r = resolve(&self.blocks, t);
                    self.blocks[b].instrs[k].target = Some(r);
                }
            }
        }
        for b in self.order() {
            let mut nx = self.blocks[b].next;
            while let Some(x) = nx {
                if self.blocks[x].instrs.is_empty() && self.blocks[x].next.is_some() {
                    nx = self.blocks[x].next;
                } else {
                    break;
                }
            }
            self.blocks[b].next = nx;
        }
    }

    /// CPython's `clean_basic_block`: drop NOPs whose line is implied by a neighbour.
    fn clean_block(&mut self, b: BlockId, mut prev_line: Option<u32>) {
        let next_first_line = {
            let mut nx = self.blocks[b].next;
            let mut guard = 0;
            while let Some(x) = nx {
                if !self.blocks[x].instrs.is_empty() || guard > self.blocks.len() {
                    break;
                }
                nx = self.blocks[x].next;
                guard += 1;
            }
            nx.and_then(|x| self.blocks[x].instrs.first())
                .map(|i| i.pos.line)
        };
        let mut instrs = std::mem::take(&mut self.blocks[b].instrs);
        let n = instrs.len();
        let mut out: Vec<Instr> = Vec::with_capacity(n);
        for k in 0..n {
            let ins = instrs[k].clone();
            let line = ins.pos.line;
            if ins.op == real(Opcode::NOP) {
                if line == 0 || prev_line == Some(line) {
                    continue;
                }
                if k + 1 < n {
                    let next_line = instrs[k + 1].pos.line;
                    if next_line == 0 {
                        instrs[k + 1].pos = ins.pos;
                        continue;
                    }
                    if next_line == line {
                        continue;
                    }
                } else if next_first_line == Some(line) {
                    continue;
                }
            }
            out.push(ins);
            prev_line = Some(line);
        }
        self.blocks[b].instrs = out;
    }

    fn copy_block(&mut self, src: BlockId) -> BlockId {
        let mut nb = self.blocks[src].clone();
        nb.next = None;
        self.blocks.push(nb);
        self.blocks.len() - 1
    }

    /// Copy small exit blocks without line numbers into the blocks that jump to them
    /// (CPython 3.11's `extend_block`), before the peephole pass in layout order and after it
    /// newest block first, as CPython walks its block allocation list.
    fn extend_blocks(&mut self, newest_first: bool) {
        let mut blocks = self.order();
        if newest_first {
            blocks.sort_unstable_by(|a, b| b.cmp(a));
        }
        for b in blocks {
            let Some(last) = self.blocks[b].instrs.last() else {
                continue;
            };
            if !matches!(last.op, Op::Jump | Op::JumpNoInterrupt) {
                continue;
            }
            let Some(t) = last.target else { continue };
            // Only blocks without line numbers (implicit `return None`s) are copied.
            if !(self.exits_scope(t) && self.blocks[t].instrs.len() <= MAX_COPY_SIZE)
                || self.blocks[t].instrs.iter().any(|i| i.pos.line != 0)
            {
                continue;
            }
            let copy = self.blocks[t].instrs.clone();
            let n = self.blocks[b].instrs.len();
            self.blocks[b].instrs[n - 1].op = real(Opcode::NOP);
            self.blocks[b].instrs[n - 1].target = None;
            self.blocks[b].instrs.extend(copy);
        }
    }

    fn is_exit_without_lineno(&self, b: BlockId) -> bool {
        self.exits_scope(b) && self.blocks[b].instrs.iter().all(|i| i.pos.line == 0)
    }

    fn duplicate_exits_without_lineno(&mut self) {
        let mut preds = self.predecessors();
        // CPython walks its block allocation list, newest block first.
        let mut placed = self.order();
        placed.sort_unstable_by(|a, b| b.cmp(a));
        for b in placed {
            let Some(last) = self.blocks[b].instrs.last() else {
                continue;
            };
            let Some(t) = last.target else { continue };
            if is_block_push(last.op) {
                continue;
            }
            if self.is_exit_without_lineno(t) && preds[t] > 1 {
                let pos = last.pos;
                let nt = self.copy_block(t);
                if let Some(first) = self.blocks[nt].instrs.first_mut() {
                    first.pos = pos;
                }
                let n = self.blocks[b].instrs.len();
                self.blocks[b].instrs[n - 1].target = Some(nt);
                preds[t] -= 1;
                preds.push(1);
                self.blocks[nt].next = self.blocks[t].next;
                self.blocks[t].next = Some(nt);
            }
        }
        self.eliminate_empty_blocks();
        for b in self.order() {
            if self.falls_through(b)
                && let Some(nx) = self.blocks[b].next
                && let Some(lastpos) = self.blocks[b].instrs.last().map(|i| i.pos)
                && self.is_exit_without_lineno(nx)
                && let Some(first) = self.blocks[nx].instrs.first_mut()
            {
                first.pos = lastpos;
            }
        }
    }

    fn propagate_line_numbers(&mut self) {
        let preds = self.predecessors();
        for b in self.order() {
            if self.blocks[b].instrs.is_empty() {
                continue;
            }
            let mut prev: Option<Position> = None;
            for ins in self.blocks[b].instrs.iter_mut() {
                if ins.pos.line == 0 {
                    if let Some(p) = prev {
                        ins.pos = p;
                    }
                } else {
                    prev = Some(ins.pos);
                }
                if ins.pos.line != 0 {
                    prev = Some(ins.pos);
                }
            }
            let last = self.blocks[b].instrs[self.blocks[b].instrs.len() - 1].clone();
            if self.falls_through(b)
                && let Some(nx) = self.blocks[b].next
                && preds.get(nx) == Some(&1)
                && let Some(first) = self.blocks[nx].instrs.first_mut()
                && first.pos.line == 0
            {
                first.pos = last.pos;
            }
            if let Some(t) = last.target
                && !is_block_push(last.op)
                && preds.get(t) == Some(&1)
                && let Some(first) = self.blocks[t].instrs.first_mut()
                && first.pos.line == 0
            {
                first.pos = last.pos;
            }
        }
    }

    fn guarantee_lineno_for_exits(&mut self, first_line: u32) {
        let mut line = first_line;
        for b in self.order() {
            let Some(last) = self.blocks[b].instrs.last() else {
                continue;
            };
            if last.pos.line == 0 {
                if last.op == real(Opcode::RETURN_VALUE) {
                    for i in self.blocks[b].instrs.iter_mut() {
                        i.pos.line = line;
                        i.pos.end_line = line;
                    }
                }
            } else {
                line = last.pos.line;
            }
        }
    }

    fn stack_depth(&self) -> (u32, Vec<i32>) {
        let mut start = vec![i32::MIN; self.blocks.len()];
        let mut stack = vec![0usize];
        start[0] = 0;
        let mut max = 0i32;
        while let Some(b) = stack.pop() {
            let mut depth = start[b];
            let mut falls = true;
            for ins in &self.blocks[b].instrs {
                let (eff, jeff) = effects(ins);
                let nd = depth + eff;
                max = max.max(nd);
                if let Some(t) = ins.target {
                    let td = depth + jeff;
                    max = max.max(td);
                    if start[t] == i32::MIN {
                        start[t] = td;
                        stack.push(t);
                    }
                }
                depth = nd;
                if is_uncond_jump(ins.op) || is_scope_exit(ins.op) {
                    falls = false;
                    break;
                }
            }
            if falls
                && let Some(n) = self.blocks[b].next
                && start[n] == i32::MIN
            {
                start[n] = depth;
                stack.push(n);
            }
        }
        (max.max(0) as u32, start)
    }

    /// Give every instruction its handler and turn SETUP_*/POP_BLOCK into NOPs.
    fn label_exception_targets(&mut self) -> Vec<bool> {
        let n = self.blocks.len();
        let mut preserve_lasti = vec![false; n];
        let mut visited = vec![false; n];
        let mut stacks: Vec<Option<Vec<(BlockId, Op)>>> = vec![None; n];
        stacks[0] = Some(Vec::new());
        visited[0] = true;
        let mut todo = vec![0usize];
        while let Some(b) = todo.pop() {
            let mut es = stacks[b].take().unwrap_or_default();
            let mut handler = es.last().map(|h| h.0);
            for k in 0..self.blocks[b].instrs.len() {
                let ins = self.blocks[b].instrs[k].clone();
                if is_block_push(ins.op) {
                    if let Some(t) = ins.target
                        && !visited[t]
                    {
                        stacks[t] = Some(es.clone());
                        visited[t] = true;
                        todo.push(t);
                    }
                    if let Some(t) = ins.target {
                        if matches!(ins.op, Op::SetupCleanup | Op::SetupWith) {
                            preserve_lasti[t] = true;
                        }
                        es.push((t, ins.op));
                        handler = Some(t);
                    }
                } else if ins.op == Op::PopBlock {
                    es.pop();
                    handler = es.last().map(|h| h.0);
                } else if let Some(t) = ins.target {
                    self.blocks[b].instrs[k].except = handler;
                    if !visited[t] {
                        stacks[t] = Some(es.clone());
                        visited[t] = true;
                        todo.push(t);
                    }
                } else {
                    self.blocks[b].instrs[k].except = handler;
                }
            }
            if self.falls_through(b)
                && let Some(nx) = self.blocks[b].next
                && !visited[nx]
            {
                stacks[nx] = Some(es);
                visited[nx] = true;
                todo.push(nx);
            }
        }
        for b in 0..n {
            for ins in self.blocks[b].instrs.iter_mut() {
                if is_block_push(ins.op) || ins.op == Op::PopBlock {
                    ins.op = real(Opcode::NOP);
                    ins.target = None;
                }
            }
        }
        preserve_lasti
    }

    fn remove_redundant_jumps(&mut self) -> bool {
        let mut changed = false;
        for b in self.order() {
            let next = {
                let mut nx = self.blocks[b].next;
                while let Some(x) = nx {
                    if !self.blocks[x].instrs.is_empty() {
                        break;
                    }
                    nx = self.blocks[x].next;
                }
                nx
            };
            if let Some(last) = self.blocks[b].instrs.last_mut()
                && matches!(last.op, Op::Jump | Op::JumpNoInterrupt)
                && last.target.is_some()
                && last.target == next
            {
                last.op = real(Opcode::NOP);
                last.target = None;
                changed = true;
            }
        }
        changed
    }
}

fn effects(ins: &Instr) -> (i32, i32) {
    let arg = match ins.arg {
        Arg::N(n) | Arg::Cell(n) | Arg::Free(n) => n,
    };
    match ins.op {
        // On its first resumption a generator frame receives the sent value, which the
        // following POP_TOP discards.
        Op::Real(Opcode::RETURN_GENERATOR) => (1, 1),
        Op::Real(op) => (op.stack_effect(arg, false), op.stack_effect(arg, true)),
        Op::Jump | Op::JumpNoInterrupt | Op::PopBlock => (0, 0),
        Op::SetupFinally | Op::SetupWith => (0, 1),
        Op::SetupCleanup => (0, 2),
    }
}

pub(super) fn assemble(
    mut u: Unit<'_>,
    flags: u32,
    filename: &str,
    st: &SymbolTable,
) -> CodeObject {
    let _ = st;
    // Make sure falling off the end returns None.
    let ends_with_return = {
        let cur = &u.blocks[u.cur];
        match cur.instrs.last() {
            Some(i) => i.op == real(Opcode::RETURN_VALUE),
            None => u.after_return == Some(u.cur),
        }
    };
    if !ends_with_return && !u.add_none {
        let cur = u.cur;
        let nopos = Position::default();
        u.blocks[cur].instrs.push(Instr {
            op: real(Opcode::RETURN_VALUE),
            arg: Arg::N(0),
            target: None,
            pos: nopos,
            except: None,
        });
    } else if !ends_with_return {
        let none = u
            .consts
            .iter()
            .position(|c| matches!(c, Constant::None))
            .unwrap_or_else(|| {
                u.consts.push(Constant::None);
                u.consts.len() - 1
            });
        let cur = u.cur;
        let nopos = Position::default();
        u.blocks[cur].instrs.push(Instr {
            op: real(Opcode::LOAD_CONST),
            arg: Arg::N(none as u32),
            target: None,
            pos: nopos,
            except: None,
        });
        u.blocks[cur].instrs.push(Instr {
            op: real(Opcode::RETURN_VALUE),
            arg: Arg::N(0),
            target: None,
            pos: nopos,
            except: None,
        });
    }

    // Local slots: varnames, then cells that are not parameters, then free variables.
    let nvar = u.varnames.len();
    let mut localsplus: Vec<String> = u.varnames.clone();
    let mut kinds: Vec<LocalKind> = vec![LocalKind(LocalKind::LOCAL); nvar];
    let mut cell_slot = Vec::new();
    for c in &u.cellvars {
        if let Some(i) = u.varnames.iter().position(|v| v == c) {
            kinds[i].0 |= LocalKind::CELL;
            cell_slot.push(i as u32);
        } else {
            localsplus.push(c.clone());
            kinds.push(LocalKind(LocalKind::CELL));
            cell_slot.push((localsplus.len() - 1) as u32);
        }
    }
    let free_base = localsplus.len() as u32;
    for f in &u.freevars {
        localsplus.push(f.clone());
        kinds.push(LocalKind(LocalKind::FREE));
    }

    // Prefix instructions.
    let mut prefix = Vec::new();
    let nopos = Position::default();
    let mk = |op: Opcode, arg: u32, pos: Position| Instr {
        op: real(op),
        arg: Arg::N(arg),
        target: None,
        pos,
        except: None,
    };
    if !u.freevars.is_empty() {
        prefix.push(mk(Opcode::COPY_FREE_VARS, u.freevars.len() as u32, nopos));
    }
    let mut sorted_cells = cell_slot.clone();
    sorted_cells.sort();
    for s in sorted_cells {
        prefix.push(mk(Opcode::MAKE_CELL, s, nopos));
    }
    if flags & (CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR) != 0 {
        let p = Position {
            line: u.first_line,
            end_line: u.first_line,
            col: 0,
            end_col: 0,
        };
        prefix.push(mk(Opcode::RETURN_GENERATOR, 0, p));
        prefix.push(mk(Opcode::POP_TOP, 0, p));
    }
    let entry = std::mem::take(&mut u.blocks[0].instrs);
    prefix.extend(entry);
    u.blocks[0].instrs = prefix;

    // Fix cell and free operands to slot indices.
    for b in u.blocks.iter_mut() {
        for ins in b.instrs.iter_mut() {
            ins.arg = match ins.arg {
                Arg::Cell(i) => Arg::N(cell_slot.get(i as usize).copied().unwrap_or(0)),
                Arg::Free(i) => Arg::N(free_base + i),
                a => a,
            };
        }
    }

    let mut cfg = Cfg {
        blocks: std::mem::take(&mut u.blocks),
        consts: std::mem::take(&mut u.consts),
    };
    // Blocks never placed in the layout are appended so jumps into them stay valid.
    let placed = cfg.order();
    let mut in_order = vec![false; cfg.blocks.len()];
    for &b in &placed {
        in_order[b] = true;
    }
    let mut tail = *placed.last().unwrap_or(&0);
    for (b, placed_already) in in_order.iter().enumerate() {
        if !placed_already {
            cfg.blocks[tail].next = Some(b);
            cfg.blocks[b].next = None;
            tail = b;
        }
    }

    // optimize_cfg
    cfg.extend_blocks(false);
    for b in cfg.order() {
        cfg.optimize_block(b);
        cfg.clean_block(b, None);
    }
    cfg.extend_blocks(true);
    let preds = cfg.predecessors();
    for b in cfg.order() {
        if preds[b] == 0 {
            cfg.blocks[b].instrs.clear();
        }
    }
    let mut prev: Option<BlockId> = None;
    for b in cfg.order() {
        let pl = prev.and_then(|p| cfg.blocks[p].instrs.last().map(|i| i.pos.line));
        cfg.clean_block(b, pl);
        prev = if cfg.falls_through(b) { Some(b) } else { None };
        if cfg.blocks[b].instrs.is_empty() {
            prev = prev.or(None);
        }
    }
    cfg.eliminate_empty_blocks();
    if cfg.remove_redundant_jumps() {
        cfg.eliminate_empty_blocks();
    }
    cfg.duplicate_exits_without_lineno();
    // trim_unused_consts: drop constants past the highest one still used (keep index 0).
    let mut max_const = 0usize;
    for b in cfg.order() {
        for i in &cfg.blocks[b].instrs {
            if matches!(i.op, Op::Real(Opcode::LOAD_CONST | Opcode::KW_NAMES))
                && let Arg::N(n) = i.arg
            {
                max_const = max_const.max(n as usize);
            }
        }
    }
    cfg.consts.truncate(max_const + 1);
    cfg.propagate_line_numbers();
    cfg.guarantee_lineno_for_exits(u.first_line);
    let (max_stack, start_depth) = cfg.stack_depth();
    let preserve_lasti = cfg.label_exception_targets();
    if cfg.remove_redundant_jumps() {
        cfg.eliminate_empty_blocks();
    }
    for b in cfg.order() {
        cfg.clean_block(b, None);
    }

    // Linearize.
    let order: Vec<BlockId> = cfg
        .order()
        .into_iter()
        .filter(|&b| !cfg.blocks[b].instrs.is_empty())
        .collect();
    let mut offset = vec![u32::MAX; cfg.blocks.len()];
    let mut pc = 0u32;
    for &b in &order {
        offset[b] = pc;
        pc += cfg.blocks[b].instrs.len() as u32;
    }
    // Jumps into blocks emptied by cleaning resolve to the next non-empty block.
    let resolve = |mut b: BlockId| -> u32 {
        let mut guard = 0;
        while offset[b] == u32::MAX && guard <= cfg.blocks.len() {
            match cfg.blocks[b].next {
                Some(n) => b = n,
                None => return pc,
            }
            guard += 1;
        }
        if offset[b] == u32::MAX { pc } else { offset[b] }
    };
    let mut instructions = Vec::with_capacity(pc as usize);
    let mut positions = Vec::with_capacity(pc as usize);
    let mut excepts: Vec<Option<BlockId>> = Vec::with_capacity(pc as usize);
    for &b in &order {
        for ins in &cfg.blocks[b].instrs {
            let here = instructions.len() as u32;
            let (op, arg) = match (ins.op, ins.target) {
                (Op::Jump, Some(t)) => {
                    let to = resolve(t);
                    (
                        if to > here {
                            Opcode::JUMP_FORWARD
                        } else {
                            Opcode::JUMP_BACKWARD
                        },
                        to,
                    )
                }
                (Op::JumpNoInterrupt, Some(t)) => {
                    let to = resolve(t);
                    (
                        if to > here {
                            Opcode::JUMP_FORWARD
                        } else {
                            Opcode::JUMP_BACKWARD_NO_INTERRUPT
                        },
                        to,
                    )
                }
                (Op::Real(op), Some(t)) => (op, resolve(t)),
                (Op::Real(op), None) => (
                    op,
                    match ins.arg {
                        Arg::N(n) | Arg::Cell(n) | Arg::Free(n) => n,
                    },
                ),
                _ => (Opcode::NOP, 0),
            };
            instructions.push(Instruction::new(op, arg));
            positions.push(ins.pos);
            excepts.push(ins.except);
        }
    }

    // Exception table: runs of instructions with the same handler.
    let mut table = Vec::new();
    let mut k = 0usize;
    while k < excepts.len() {
        let h = excepts[k];
        let start = k;
        while k < excepts.len() && excepts[k] == h {
            k += 1;
        }
        if let Some(hb) = h {
            let lasti = preserve_lasti[hb];
            let sd = start_depth.get(hb).copied().unwrap_or(0).max(1);
            let depth = (sd - 1 - i32::from(lasti)).max(0) as u32;
            table.push(ExceptionTableEntry {
                start: start as u32,
                end: k as u32,
                target: resolve(hb),
                depth,
                lasti,
            });
        }
    }

    let docstring = u.docstring.clone();
    CodeObject {
        name: u.name.clone(),
        qualname: u.qualname.clone(),
        filename: filename.to_string(),
        first_line: u.first_line,
        flags: CodeFlags(flags),
        arg_count: u.argcount,
        posonly_arg_count: u.posonly,
        kwonly_arg_count: u.kwonly,
        instructions,
        positions: krait_bytecode::PositionTable::new(&positions),
        constants: cfg.consts,
        names: u.names.clone(),
        localsplus,
        localsplus_kinds: kinds,
        exception_table: table,
        max_stack,
        docstring,
    }
}
