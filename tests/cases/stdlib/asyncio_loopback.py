# asyncio over real sockets on loopback: a stream server and clients, the loop's sock_*
# methods on a socketpair, plus the task basics they rest on (gather, queues, wait_for).
import asyncio
import socket


async def handle(reader, writer):
    peer = writer.get_extra_info("peername")
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(b"echo:" + line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
    return peer


async def client(port, name, lines):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    got = []
    for line in lines:
        writer.write(line.encode() + b"\n")
        await writer.drain()
        got.append(await reader.readline())
    writer.close()
    await writer.wait_closed()
    return name, got


async def streams():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    sock = server.sockets[0]
    print(sock.family, sock.type, server.is_serving())
    port = sock.getsockname()[1]
    async with server:
        results = await asyncio.gather(
            client(port, "a", ["one", "two"]),
            client(port, "b", ["three"]),
            client(port, "c", []),
        )
        for r in results:
            print(r)
    print(server.is_serving())


async def sock_methods():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    await loop.sock_sendall(a, b"raw bytes")
    print(await loop.sock_recv(b, 100))
    fut = loop.create_task(loop.sock_recv(a, 100))
    await asyncio.sleep(0)
    print(fut.done())
    await loop.sock_sendall(b, b"later")
    print(await fut)
    a.close()
    b.close()


async def basics():
    q = asyncio.Queue()

    async def producer():
        for i in range(3):
            await q.put(i)
            await asyncio.sleep(0)
        await q.put(None)

    async def consumer():
        out = []
        while (item := await q.get()) is not None:
            out.append(item)
        return out

    print(await asyncio.gather(producer(), consumer()))
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except asyncio.TimeoutError:
        print("wait_for timed out")
    ev = asyncio.Event()
    asyncio.get_running_loop().call_later(0.01, ev.set)
    await ev.wait()
    print("event set", ev.is_set())


async def main():
    await streams()
    await sock_methods()
    await basics()


asyncio.run(main())
print("done")
