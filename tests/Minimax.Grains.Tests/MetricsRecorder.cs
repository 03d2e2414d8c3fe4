using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Minimax.Grains.Telemetry;

namespace Minimax.Grains.Tests;

/// <summary>
/// Listens to the "Minimax" meter of the in-process silos. Observable instruments are read at chosen moments:
/// after every counted step and whenever a checkpoint is written (both happen while the run is live), and on demand.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, Instrument> _published = new();

    public MetricsRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MinimaxMetrics.MeterName)
            {
                _published[instrument.Name] = instrument;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnMeasurement(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyCollection<string> Published => _published.Keys.ToArray();

    /// <summary>Every measurement so far, observed ones included.</summary>
    public ConcurrentQueue<Recorded> Measurements { get; } = new();

    public IReadOnlyList<Recorded> Of(string name) => Measurements.Where(m => m.Name == name).ToArray();

    /// <summary>Reads the observable instruments now; their measurements are returned (and kept) with <see cref="Recorded.Observed"/> set.</summary>
    public IReadOnlyList<Recorded> Observe()
    {
        var marker = Guid.NewGuid();
        _observation.Value = marker;
        try
        {
            _listener.RecordObservableInstruments();
        }
        finally
        {
            _observation.Value = null;
        }
        return Measurements.Where(m => m.Observation == marker).ToArray();
    }

    public void Dispose() => _listener.Dispose();

    private readonly AsyncLocal<Guid?> _observation = new();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tagMap = new Dictionary<string, string>();
        foreach (var (key, tag) in tags)
        {
            tagMap[key] = tag?.ToString() ?? "";
        }
        var observed = instrument.IsObservable;
        Measurements.Enqueue(new Recorded(instrument.Name, value, tagMap, observed, observed ? _observation.Value : null));
        if (!observed && instrument.Name is "minimax.run.steps" or "minimax.checkpoint.bytes")
        {
            Observe();
        }
    }

    public sealed record Recorded(string Name, double Value, IReadOnlyDictionary<string, string> Tags, bool Observed, Guid? Observation);
}
