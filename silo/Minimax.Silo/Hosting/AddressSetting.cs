using System.Net;

namespace Minimax.Silo.Hosting;

/// <summary>An IP address read from configuration (<c>localhost</c> means 127.0.0.1), refused naming its key.</summary>
public static class AddressSetting
{
    public static IPAddress Parse(string? value, string key)
    {
        var text = value?.Trim() ?? "";
        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }
        return IPAddress.TryParse(text, out var address)
            ? address
            : throw new SiloConfigurationException($"{key}: '{value}' is not an IP address (for example 127.0.0.1, 0.0.0.0 or ::)");
    }

    /// <summary>0.0.0.0 or ::, which listen on every interface but name no host.</summary>
    public static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
