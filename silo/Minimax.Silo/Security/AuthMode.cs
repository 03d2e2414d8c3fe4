namespace Minimax.Silo.Security;

/// <summary>How gRPC callers authenticate (configuration key Auth:Mode: none, or keys, also read as its old name apikey).</summary>
public enum AuthMode
{
    /// <summary>No key; every caller is the tenant <c>local</c>. Only allowed on loopback with no keys configured.</summary>
    None,

    /// <summary><c>authorization: Bearer &lt;key&gt;</c>, the key's SHA-256 listed in Auth:Keys.</summary>
    Keys,
}
