using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// The instruments this process has created on the meters a silo exports (Minimax, Microsoft.Orleans and the
/// .NET runtime's System.Runtime), under the names the OpenTelemetry Prometheus exporter gives them. Orleans
/// creates its failure counters (timed-out calls, rejected or expired messages) up front but exports them only
/// once something failed; this is how a test knows such a name is real without provoking the failure.
/// </summary>
public sealed class PublishedInstruments : IDisposable
{
    private static readonly string[] Meters = ["Minimax", "Microsoft.Orleans", "System.Runtime"];

    // UCUM units as the exporter spells them in a suffix; annotations like {job} add none.
    private static readonly Dictionary<string, string> UnitSuffixes = new(StringComparer.Ordinal)
    {
        ["s"] = "seconds", ["ms"] = "milliseconds", ["us"] = "microseconds", ["ns"] = "nanoseconds",
        ["min"] = "minutes", ["h"] = "hours", ["d"] = "days",
        ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes", ["GiBy"] = "gibibytes",
        ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes",
        ["B"] = "bytes", ["KB"] = "kilobytes", ["MB"] = "megabytes", ["GB"] = "gigabytes", ["%"] = "percent",
    };

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    private PublishedInstruments()
    {
        _listener.InstrumentPublished = (instrument, _) =>
        {
            if (Meters.Contains(instrument.Meter.Name))
            {
                foreach (var name in PrometheusNames(instrument))
                {
                    _names[name] = instrument.Name;
                }
            }
        };
    }

    /// <summary>Starts listening: instruments created before are reported at once, later ones as they are created.</summary>
    public static PublishedInstruments Listen()
    {
        var instruments = new PublishedInstruments();
        instruments._listener.Start();
        return instruments;
    }

    public bool Contains(string prometheusName) => _names.ContainsKey(prometheusName);

    public void Dispose() => _listener.Dispose();

    /// <summary>The series names the exporter writes for <paramref name="instrument"/>.</summary>
    public static IEnumerable<string> PrometheusNames(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        var unit = UnitSuffix(instrument.Unit);
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }
        var type = instrument.GetType().GetGenericTypeDefinition();
        // Scraped as OpenMetrics, counters and histograms also get a _created series (their start time).
        if (type == typeof(Histogram<>))
        {
            return [name + "_bucket", name + "_sum", name + "_count", name + "_created"];
        }
        return type == typeof(Counter<>) || type == typeof(ObservableCounter<>) ? [name + "_total", name + "_created"] : [name];
    }

    private static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit) || unit.StartsWith('{'))
        {
            return "";
        }
        return UnitSuffixes.TryGetValue(unit, out var suffix) ? suffix : Sanitize(unit);
    }

    private static string Sanitize(string text)
    {
        var name = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
        return name.ToString().Trim('_');
    }
}
