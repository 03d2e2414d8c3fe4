using System.Globalization;
using Minimax.Grains.Telemetry;

namespace Minimax.Silo.Hosting;

/// <summary>
/// Telemetry:MetricsPort (the Prometheus scrape endpoint; 0 turns it off) and Telemetry:MaxGroupsPerJob. A silo read
/// from configuration scrapes on 9464 unless told otherwise; options built in code (the embedded cluster of
/// `minimax run`, tests that start many silos on one machine) export nothing unless they name a port.
/// </summary>
public sealed record TelemetryOptions
{
    /// <summary>The OpenTelemetry Prometheus exporter's usual port.</summary>
    public const int DefaultMetricsPort = 9464;

    /// <summary>At most this many groups of one job are exported (a limit on the setting itself).</summary>
    public const int MaxGroupsPerJobLimit = 4096;

    public int MetricsPort { get; init; }

    public int MaxGroupsPerJob { get; init; } = MinimaxMetrics.DefaultMaxGroupsPerJob;

    public static TelemetryOptions FromConfiguration(IConfiguration configuration) => new()
    {
        MetricsPort = Integer(configuration, "Telemetry:MetricsPort", DefaultMetricsPort, 65535, "a port (1 to 65535, or 0 to turn the endpoint off)"),
        MaxGroupsPerJob = Integer(configuration, "Telemetry:MaxGroupsPerJob", MinimaxMetrics.DefaultMaxGroupsPerJob, MaxGroupsPerJobLimit,
            $"a number of groups from 0 to {MaxGroupsPerJobLimit}"),
    };

    private static int Integer(IConfiguration configuration, string key, int fallback, int max, string what)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw new SiloConfigurationException($"{key}: '{text}' is not {what}");
    }
}
