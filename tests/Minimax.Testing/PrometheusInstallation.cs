namespace Minimax.Testing;

/// <summary>
/// Prometheus and promtool: on PATH, else from Debian's <c>prometheus</c> package, which the tests unpack into their
/// cache folder themselves (<see cref="DebianTool"/>; no service is started).
/// </summary>
public static class PrometheusInstallation
{
    /// <summary>The path of <paramref name="tool"/> (prometheus or promtool), unpacking the package first when needed.</summary>
    public static Task<string> FindAsync(string tool = "prometheus", CancellationToken cancellationToken = default) =>
        DebianTool.FindAsync(tool, "prometheus", cancellationToken);
}
