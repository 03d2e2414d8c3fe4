using System.Globalization;

namespace Minimax.Silo.Hosting;

/// <summary>
/// Dashboard:*: the Orleans Dashboard (Microsoft.Orleans.Dashboard), off unless Dashboard:Enabled is true. When on,
/// it is served over HTTP/1.1 on its own listener (Dashboard:Port, on Grpc:Address) under Dashboard:Path, and with
/// Auth:Mode=keys only to the keys of the tenants in Dashboard:Tenants, because it shows every tenant's grains.
/// </summary>
public sealed record OrleansDashboardOptions
{
    /// <summary>The port the Orleans Dashboard has always used for its own web server.</summary>
    public const int DefaultPort = 8080;

    public bool Enabled { get; init; }

    public int Port { get; init; } = DefaultPort;

    /// <summary>Where the dashboard's page is, "/" or a prefix such as "/orleans" (no trailing slash).</summary>
    public string Path { get; init; } = "/";

    /// <summary>The tenants whose keys open the dashboard; required with Auth:Mode=keys (with none, the caller is "local").</summary>
    public IReadOnlyList<string> Tenants { get; init; } = [];

    /// <summary>The prefix to map the dashboard's routes under: "" for "/".</summary>
    public string RoutePrefix => Path == "/" ? "" : Path;

    public static OrleansDashboardOptions FromConfiguration(IConfiguration configuration)
    {
        var enabledText = configuration["Dashboard:Enabled"];
        var enabled = false;
        if (!string.IsNullOrWhiteSpace(enabledText) && !bool.TryParse(enabledText.Trim(), out enabled))
        {
            throw new SiloConfigurationException($"Dashboard:Enabled: '{enabledText}' is not true or false");
        }
        var portText = configuration["Dashboard:Port"];
        var port = DefaultPort;
        if (!string.IsNullOrWhiteSpace(portText)
            && !(int.TryParse(portText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535))
        {
            throw new SiloConfigurationException($"Dashboard:Port: '{portText}' is not a port (1 to 65535)");
        }
        var path = configuration["Dashboard:Path"] is { Length: > 0 } configured ? configured.Trim() : "/";
        if (!path.StartsWith('/') || (path.Length > 1 && path.EndsWith('/')) || !path.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/'))
        {
            throw new SiloConfigurationException($"Dashboard:Path: '{path}' is not '/' or a path like '/orleans' (letters, digits, '-', '_', no trailing '/')");
        }
        return new OrleansDashboardOptions
        {
            Enabled = enabled,
            Port = port,
            Path = path,
            Tenants = configuration.GetSection("Dashboard:Tenants").GetChildren().Select(tenant => tenant.Value ?? "").Where(t => t.Length > 0).ToArray(),
        };
    }
}
