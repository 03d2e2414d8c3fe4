using System.Net;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Minimax.Silo.Hosting;

namespace Minimax.Silo.Security;

/// <summary>
/// Maps an <c>authorization: Bearer &lt;key&gt;</c> header to a tenant. Only SHA-256 hashes of keys are
/// held; a presented key is hashed and compared with every configured hash in constant time.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    private const string Scheme = "Bearer ";

    private readonly (string Tenant, byte[] Hash)[] _keys;

    private ApiKeyAuthenticator(AuthMode mode, (string Tenant, byte[] Hash)[] keys)
    {
        Mode = mode;
        _keys = keys;
    }

    public AuthMode Mode { get; }

    /// <summary>
    /// The authenticator for a silo that listens on <paramref name="listenAddresses"/> (each with the key
    /// that set it). Auth:Mode defaults to keys when any key is configured or any address is not
    /// loopback; refuses (SiloConfigurationException) none off loopback or beside keys, and keys without any.
    /// </summary>
    public static ApiKeyAuthenticator Create(SiloOptions options, IReadOnlyList<(string Key, IPAddress Address)> listenAddresses)
    {
        var keys = options.AuthKeys.Select((key, index) => Parse(key, index)).ToArray();
        var open = listenAddresses.Where(listen => !IPAddress.IsLoopback(listen.Address)).Select(listen => $"{listen.Key} is {listen.Address}").FirstOrDefault();
        var mode = options.AuthMode ?? (keys.Length > 0 || open is not null ? AuthMode.Keys : AuthMode.None);
        if (mode == AuthMode.None && open is not null)
        {
            throw new SiloConfigurationException(
                $"Auth:Mode: 'none' is only allowed when the silo listens on loopback alone, and {open}; set Auth:Mode=keys and Auth:Keys");
        }
        if (mode == AuthMode.None && keys.Length > 0)
        {
            throw new SiloConfigurationException("Auth:Mode: 'none' would ignore the keys in Auth:Keys; set Auth:Mode=keys or remove the keys");
        }
        if (mode == AuthMode.Keys && keys.Length == 0)
        {
            throw new SiloConfigurationException(
                "Auth:Keys: Auth:Mode is keys (the default when a listen address is not loopback) but no keys are configured; add { Tenant, Sha256 } entries");
        }
        var duplicate = keys.GroupBy(key => Convert.ToHexString(key.Hash)).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new SiloConfigurationException("Auth:Keys: the same key hash is listed twice");
        }
        return new ApiKeyAuthenticator(mode, keys);
    }

    /// <summary>The caller's tenant, or UNAUTHENTICATED.</summary>
    public string Authenticate(string? authorization)
    {
        if (Mode == AuthMode.None)
        {
            return CallerTenant.Local;
        }
        if (string.IsNullOrEmpty(authorization))
        {
            throw Unauthenticated("missing API key: send the metadata 'authorization: Bearer <key>'");
        }
        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == Scheme.Length)
        {
            throw Unauthenticated("authorization: expected 'Bearer <key>'");
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        string? tenant = null;
        // Every hash is compared, so the time taken does not say which entry (if any) matched.
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, key.Hash))
            {
                tenant = key.Tenant;
            }
        }
        return tenant ?? throw Unauthenticated("the API key is not valid");
    }

    /// <summary>The hex SHA-256 of a key, as Auth:Keys expects it.</summary>
    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static (string Tenant, byte[] Hash) Parse(TenantKey key, int index)
    {
        if (string.IsNullOrWhiteSpace(key.Tenant) || key.Tenant.Length > 128 || !key.Tenant.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new SiloConfigurationException($"Auth:Keys:{index}:Tenant: must be 1 to 128 letters, digits, '-', '_' or '.'");
        }
        if (key.Sha256 is not { Length: 64 } hex || !hex.All(char.IsAsciiHexDigit))
        {
            throw new SiloConfigurationException($"Auth:Keys:{index}:Sha256: must be the key's SHA-256 as 64 hex digits");
        }
        return (key.Tenant, Convert.FromHexString(hex));
    }

    private static RpcException Unauthenticated(string detail) => new(new Status(StatusCode.Unauthenticated, detail));
}
