using System.Globalization;
using Minimax.Engine.Training;

namespace Minimax.Benchmarks;

/// <summary>
/// The intra-op threads of every configuration. By default each gets what a silo would give it: the plain
/// loops and PyTorch what one worker gets (<see cref="IntraOpThreads.Share"/> of the cores for W=1), a
/// silo's W workers their share each, so no configuration oversubscribes the cores and the plain baseline
/// is not handicapped. <see cref="Forced"/> (--threads N or MINIMAX_BENCH_THREADS) sets N for everything,
/// the silo's workers included (configuration key Workers:IntraOpThreads).
/// </summary>
public sealed record BenchmarkThreads(int? Forced)
{
    public const string Flag = "--threads";
    public const string EnvironmentVariable = "MINIMAX_BENCH_THREADS";
    public const string SiloKey = "Workers:IntraOpThreads";

    /// <summary>Reads and removes --threads N from <paramref name="args"/>; else the environment variable; else none forced.</summary>
    public static BenchmarkThreads FromArguments(List<string> args)
    {
        var index = args.IndexOf(Flag);
        string? text = null;
        if (index >= 0)
        {
            text = index + 1 < args.Count ? args[index + 1] : "";
            args.RemoveRange(index, Math.Min(2, args.Count - index));
        }
        text ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new BenchmarkThreads(Forced: null);
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var threads) && threads > 0
            ? new BenchmarkThreads(threads)
            : throw new ArgumentException($"{Flag} / {EnvironmentVariable}: '{text}' is not a positive whole number of threads");
    }

    /// <summary>A single-process loop (TorchSharp or PyTorch): the threads of a lone worker.</summary>
    public int Plain => Worker(workersOnSilo: 1);

    /// <summary>What each of <paramref name="workersOnSilo"/> workers of one silo runs with.</summary>
    public int Worker(int workersOnSilo) => Forced ?? IntraOpThreads.Share(Environment.ProcessorCount, workersOnSilo);

    /// <summary>The silo's Workers:IntraOpThreads; null leaves its default (0, auto).</summary>
    public int? SiloSetting => Forced;

    public string Describe() => Forced is { } threads
        ? $"intra-op threads: {threads} forced for every configuration ({Flag}; silo {SiloKey}={threads})"
        : $"intra-op threads: auto, max(1, cores / workers on the silo) per worker, and a lone worker's {Plain} for the plain loops and PyTorch";
}
