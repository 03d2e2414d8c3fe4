using System.Globalization;
using Minimax.Grains.Telemetry;

namespace Minimax.Silo.Hosting;

/// <summary>
/// Telemetry:MetricsPort (the Prometheus scrape endpoint; 0 turns it off), Telemetry:MaxGroupsPerJob and
/// Telemetry:StepTraceEvery (one traced step in this many; 0 traces none). A silo read
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

    public int StepTraceEvery { get; init; } = StepTracingOptions.DefaultStepTraceEvery;

    /// <summary>
    /// Adds to the silo's tracer provider (an exporter, a processor) and turns tracing on without OTLP: how tests
    /// and embedding hosts read the silo's spans. Tracing is on when this is set or OTEL_EXPORTER_OTLP_ENDPOINT is.
    /// </summary>
    public Action<OpenTelemetry.Trace.TracerProviderBuilder>? ConfigureTracing { get; init; }

    public static TelemetryOptions FromConfiguration(IConfiguration configuration) => new()
    {
        MetricsPort = Integer(configuration, "Telemetry:MetricsPort", DefaultMetricsPort, 65535, "a port (1 to 65535, or 0 to turn the endpoint off)"),
        MaxGroupsPerJob = Integer(configuration, "Telemetry:MaxGroupsPerJob", MinimaxMetrics.DefaultMaxGroupsPerJob, MaxGroupsPerJobLimit,
            $"a number of groups from 0 to {MaxGroupsPerJobLimit}"),
        StepTraceEvery = Integer(configuration, "Telemetry:StepTraceEvery", StepTracingOptions.DefaultStepTraceEvery, int.MaxValue,
            "a number of steps (0 traces none)"),
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
