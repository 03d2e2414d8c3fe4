using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Minimax.Cli;

/// <summary>
/// The CLI's span: one per command, around all its gRPC calls, so that HttpClient sends its traceparent and the
/// silo's spans join the CLI's trace. Spans exist only while something listens: with OTEL_EXPORTER_OTLP_ENDPOINT
/// set the CLI exports its own spans over OTLP; without it no span is made and the silo starts the trace.
/// </summary>
internal static class CliTracing
{
    public const string SourceName = "Minimax.Cli";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The OTLP exporter's provider when the endpoint is set; disposing it sends what is left.</summary>
    public static TracerProvider? StartExport()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            return null;
        }
        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
        {
            resource.AddService("minimax-cli");
        }
        // Reads OTEL_EXPORTER_OTLP_ENDPOINT (and the other OTEL_EXPORTER_OTLP_* variables) itself.
        return Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(SourceName).AddOtlpExporter().Build();
    }

    public static Activity? StartCommand(string command) =>
        Source.StartActivity($"minimax {command}", ActivityKind.Client)?.SetTag("minimax.cli.command", command);
}
