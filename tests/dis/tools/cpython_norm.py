"""Print CPython 3.11's code for a file in the normalized form of
`cargo run -p krait-compiler --example kdis -- --norm FILE`, to diff code shapes:
caches, PRECALL and EXTENDED_ARG dropped, jumps as instruction indices, directions folded."""
import dis, sys

RENAME = {
    "POP_JUMP_FORWARD_IF_FALSE": "POP_JUMP_IF_FALSE", "POP_JUMP_BACKWARD_IF_FALSE": "POP_JUMP_IF_FALSE",
    "POP_JUMP_FORWARD_IF_TRUE": "POP_JUMP_IF_TRUE", "POP_JUMP_BACKWARD_IF_TRUE": "POP_JUMP_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NONE": "POP_JUMP_IF_NONE", "POP_JUMP_BACKWARD_IF_NONE": "POP_JUMP_IF_NONE",
    "POP_JUMP_FORWARD_IF_NOT_NONE": "POP_JUMP_IF_NOT_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE": "POP_JUMP_IF_NOT_NONE",
}

def norm(code):
    print(f"== {code.co_qualname} {code.co_firstlineno} {code.co_flags}")
    instrs = [i for i in dis.get_instructions(code) if i.opname not in ("CACHE", "PRECALL", "EXTENDED_ARG")]
    positions = list(code.co_positions())
    index = {ins.offset: k for k, ins in enumerate(instrs)}
    def idx(off):
        while off not in index and off < 10**6:
            off += 2
        return index.get(off, len(instrs))
    for k, ins in enumerate(instrs):
        p = positions[ins.offset // 2]
        pos = "-" if p[0] is None else f"{p[0]}:{p[2] if p[2] is not None else 0}-{p[1]}:{p[3] if p[3] is not None else 0}"
        if ins.opname == "RESUME" and p[0] == 0:
            pos = "-"
        op = RENAME.get(ins.opname, ins.opname)
        if ins.opcode in dis.hasjrel or ins.opcode in dis.hasjabs:
            arg = f"to {idx(ins.argval)}"
        elif ins.opname == "LOAD_CONST" and hasattr(ins.argval, "co_code"):
            arg = f"code {ins.argval.co_name}"
        elif ins.opname in ("LOAD_CONST", "KW_NAMES"):
            arg = repr(ins.argval) if ins.opname == "LOAD_CONST" else repr(code.co_consts[ins.arg])
        elif ins.arg is None:
            arg = ""
        else:
            arg = ins.argrepr
            if ins.opname == "IS_OP":
                arg = "is not" if ins.arg else "is"
            elif ins.opname == "CONTAINS_OP":
                arg = "not in" if ins.arg else "in"
            elif ins.opname == "IMPORT_NAME":
                arg = ins.argrepr
            elif arg == "" or ins.opname in ("MAKE_FUNCTION", "FORMAT_VALUE"):
                arg = str(ins.arg)
        print(f"{k} {op} {arg} @{pos}")
    for e in dis._parse_exception_table(code):
        print(f"  exc {idx(e.start)} {idx(e.end)} -> {idx(e.target)} [{e.depth}]{' lasti' if e.lasti else ''}")
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            norm(c)

norm(compile(open(sys.argv[1]).read(), "f", "exec"))
