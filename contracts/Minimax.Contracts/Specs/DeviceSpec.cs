using System.Globalization;

namespace Minimax.Contracts.Specs;

/// <summary>
/// <c>training.device</c>: <c>auto</c> (CUDA when the worker's silo has it, else CPU), <c>cpu</c>, <c>cuda</c> (the
/// first GPU) or <c>cuda:N</c>. Resolved on each worker when the run starts, since the silo that submits a run need not
/// be the one with the GPU.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.DeviceSpec")]
public sealed record DeviceSpec
{
    /// <summary>The largest N of <c>cuda:N</c> a spec may name (a node has at most a few GPUs; this bounds the text).</summary>
    public const int MaxCudaIndex = 63;

    public static DeviceSpec Auto { get; } = new() { Kind = DeviceKind.Auto };

    public static DeviceSpec Cpu { get; } = new() { Kind = DeviceKind.Cpu };

    [Id(0)] public DeviceKind Kind { get; init; }

    /// <summary>The GPU of <c>cuda:N</c>; null for <c>cuda</c> (the first) and for the other kinds.</summary>
    [Id(1)] public int? Index { get; init; }

    /// <summary>The spec's spelling: auto, cpu, cuda or cuda:N.</summary>
    public override string ToString() => Kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Cuda => Index is { } index ? $"cuda:{index.ToString(CultureInfo.InvariantCulture)}" : "cuda",
        _ => "auto",
    };

    /// <summary>Reads auto, cpu, cuda or cuda:N (case-insensitive); null for anything else.</summary>
    public static DeviceSpec? Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        switch (value)
        {
            case "auto":
                return Auto;
            case "cpu":
                return Cpu;
            case "cuda":
                return new DeviceSpec { Kind = DeviceKind.Cuda };
        }
        const string prefix = "cuda:";
        return value.StartsWith(prefix, StringComparison.Ordinal)
            && value.Length <= prefix.Length + 2
            && int.TryParse(value.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index <= MaxCudaIndex
                ? new DeviceSpec { Kind = DeviceKind.Cuda, Index = index }
                : null;
    }
}

public enum DeviceKind { Auto, Cpu, Cuda }
