using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Minimax.Grains.Telemetry;
using OpenTelemetry.Metrics;

namespace Minimax.Silo.Hosting;

/// <summary>
/// The silo's metrics: the "Minimax" and "Microsoft.Orleans" meters and .NET runtime metrics, scraped by
/// Prometheus at <c>GET /metrics</c> (HTTP/1.1, its own listener on the gRPC address at Telemetry:MetricsPort)
/// and pushed over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. The API key middleware runs before the scrape
/// endpoint, so it needs the same keys as the API.
/// </summary>
public static class SiloTelemetry
{
    public const string ScrapePath = "/metrics";

    private const string OrleansMeter = "Microsoft.Orleans";

    public static void Add(WebApplicationBuilder builder, TelemetryOptions telemetry, IPAddress listenAddress)
    {
        MinimaxMetrics.MaxGroupsPerJob = telemetry.MaxGroupsPerJob;
        SiloTracing.Add(builder, telemetry);
        var scrape = telemetry.MetricsPort > 0;
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (!scrape && !otlp)
        {
            return;
        }
        if (scrape)
        {
            builder.WebHost.ConfigureKestrel(kestrel =>
                kestrel.Listen(listenAddress, telemetry.MetricsPort, listen => listen.Protocols = HttpProtocols.Http1));
        }
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(MinimaxMetrics.MeterName, OrleansMeter).AddRuntimeInstrumentation();
            if (scrape)
            {
                metrics.AddPrometheusExporter();
            }
            if (otlp)
            {
                // Reads OTEL_EXPORTER_OTLP_ENDPOINT (and the other OTEL_EXPORTER_OTLP_* variables) itself.
                metrics.AddOtlpExporter();
            }
        });
    }

    /// <summary>Serves the scrape endpoint on the metrics listener only; call after authentication.</summary>
    public static void Map(WebApplication app, TelemetryOptions telemetry)
    {
        if (telemetry.MetricsPort > 0)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Connection.LocalPort == telemetry.MetricsPort && context.Request.Path == ScrapePath);
        }
    }
}
