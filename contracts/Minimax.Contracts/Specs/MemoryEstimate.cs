using System.Globalization;

namespace Minimax.Contracts.Specs;

/// <summary>
/// A job's estimated peak memory per worker, computed at submit (Limits:MaxWorkerMemoryBytes). The part a
/// frozen reference model takes is kept apart, so a mixture's stages without one can drop it.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.MemoryEstimate")]
public sealed record MemoryEstimate(
    [property: Id(0)] long PeakBytes,
    [property: Id(1)] long ReferenceBytes = 0)
{
    public MemoryEstimate WithoutReference() => new(PeakBytes - ReferenceBytes);

    /// <summary>Bytes for people: "17.2 GiB", "512 MiB", "900 B".</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        var text = unit == 0 || value >= 100 || value == Math.Floor(value)
            ? value.ToString("F0", CultureInfo.InvariantCulture)
            : value.ToString("F1", CultureInfo.InvariantCulture);
        return $"{text} {units[unit]}";
    }
}
