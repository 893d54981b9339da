# dis and opcode: the opcode tables, stack_effect (all of CPython 3.11's opcodes and the
# compiler's pseudo-instructions), disassembly of raw CPython bytecode, and code_info.
import dis, opcode, hashlib, re, io

print(dis.opmap['LOAD_CONST'], dis.opname[100], len(dis.opname), len(dis.opmap), dis.HAVE_ARGUMENT)
print(dis.hasjrel, dis.hasjabs, dis.hasconst, dis.hasname[:6], dis.haslocal, dis.hascompare, dis.hasfree)
print(dis.cmp_op, opcode.EXTENDED_ARG, dis.COMPILER_FLAG_NAMES[32], opcode._nb_ops[:3])
print([(i, n) for i, n in enumerate(opcode._inline_cache_entries) if n])

rows = []
for op in range(-12, 260):
    for arg in (None, 0, 1, 2, 3, 4, 5, 7, 8, 15, 255, 256, 258, 0x104, -1, 2**31 - 1, 2**32 + 3, -2**31):
        for jump in (None, True, False):
            try:
                r = dis.stack_effect(op, arg, jump=jump)
            except ValueError as e:
                r = f"ValueError: {e}"
            rows.append(f"{op} {arg} {jump} {r}")
print(len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
print([dis.stack_effect(dis.opmap[n], 3) for n in ('BUILD_TUPLE', 'BUILD_MAP', 'UNPACK_SEQUENCE', 'MAKE_FUNCTION', 'CALL_FUNCTION_EX')])
print(dis.stack_effect(dis.opmap['FOR_ITER'], 0, jump=True), dis.stack_effect(dis.opmap['FOR_ITER'], 0, jump=False), dis.stack_effect(dis.opmap['FOR_ITER'], 0))
for a, k in [((), {}), ((1, 2, 3), {}), ((100,), {'jump': 1}), ((100, 1), {'jmp': True}), (('a',), {}),
             ((100, 1.5), {}), ((2**40,), {}), ((100, 2**70), {}), ((1, 1), {}), ((100,), {}), ((300, 0), {})]:
    try:
        print(dis.stack_effect(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

# Raw bytecode, as CPython 3.11 lays it out: opcode, argument, then inline cache entries.
def code(*ops):
    out = bytearray()
    for name, arg in ops:
        out += bytes([dis.opmap[name], arg])
        out += bytes(2 * opcode._inline_cache_entries[dis.opmap[name]])
    return bytes(out)

dis.dis(code(('RESUME', 0), ('LOAD_CONST', 0), ('RETURN_VALUE', 0)))
dis.dis(code(('RESUME', 0), ('LOAD_FAST', 0), ('LOAD_CONST', 1), ('BINARY_OP', 0),
             ('POP_JUMP_FORWARD_IF_FALSE', 2), ('LOAD_CONST', 2), ('RETURN_VALUE', 0),
             ('LOAD_GLOBAL', 3), ('PRECALL', 0), ('CALL', 0), ('RETURN_VALUE', 0)))
buf = io.StringIO()
dis.dis(code(('EXTENDED_ARG', 1), ('JUMP_FORWARD', 4), ('NOP', 0)), file=buf)
print(buf.getvalue())

def sample(a, b=2, /, *args, c, **kw):
    "doc"
    total = a + b + c
    return total, len(args), kw
print(re.sub(r'0x[0-9a-f]+', 'ADDR', dis.code_info(sample)))
dis.show_code(sample.__code__)
print(dis.pretty_flags(sample.__code__.co_flags), dis.pretty_flags(0x20 | 0x100))
