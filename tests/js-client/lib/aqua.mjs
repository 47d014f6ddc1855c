// Aqua functions the network tests run (compiled at test time with @fluencelabs/aqua-api).
export const NETWORK_AQUA = `
service Op("op"):
    noop()
    concat_strings(a: string, b: string) -> string
    identity(s: string) -> string

service Peer("peer"):
    timeout(ms: u32, msg: string) -> string

-- A particle that visits every peer in turn.
func chain(peers: []string) -> []string:
    seen: *string
    for p <- peers:
        on p:
            seen <- Op.concat_strings("seq ", p)
    <- seen

-- Every peer at once, joined on the client.
func fanout(peers: []string, n: u32) -> []string:
    seen: *string
    for p <- peers par:
        on p:
            seen <- Op.concat_strings("par ", p)
    join seen[n - 1]
    <- seen

service Missing("missing"):
    call(x: string) -> string

-- A service that no peer has, caught on the far peer.
func caught(peer: string) -> []string:
    res: *string
    on peer:
        try:
            res <- Missing.call("x")
        catch e:
            res <- Op.identity(e.message)
    <- res

-- The same, not caught: the error travels back to the client.
func uncaught(peer: string) -> string:
    on peer:
        res <- Missing.call("y")
    <- res
`;
