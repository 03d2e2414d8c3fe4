using System.Globalization;
using System.Runtime.InteropServices;

namespace Minimax.Benchmarks;

/// <summary>What one round of a configuration yields and how the table prints it.</summary>
public sealed record RoundUnit(string Label, double Scale, string Format)
{
    /// <summary>A round's median step time, measured in seconds, printed in ms.</summary>
    public static RoundUnit StepMilliseconds { get; } = new("step ms", 1000, "F3");

    /// <summary>A whole run's throughput, measured and printed in training examples per second.</summary>
    public static RoundUnit ExamplesPerSecond { get; } = new("examples/s", 1, "F0");
}

/// <summary>
/// The measuring discipline every mode shares: one discarded warm-up round (JIT, allocator, first data
/// parse), then interleaved rounds in which every configuration runs once, so that noise from the machine
/// hits all configurations alike; the order rotates each round so none always follows the same neighbour.
/// The table gives per configuration the median and the minimum of its round figures and the ratio of each
/// to the baseline's.
/// </summary>
public sealed class Rounds(string title, BenchmarkThreads threads, RoundUnit unit)
{
    private readonly List<Configuration> _configurations = [];
    private readonly List<string> _notes = [];

    /// <summary>A configuration: <paramref name="measure"/> returns its figure for one round, in <see cref="RoundUnit"/>'s measured unit.</summary>
    public void Add(string name, int intraOpThreads, Func<Task<double>> measure) =>
        _configurations.Add(new Configuration(name, intraOpThreads, measure, []));

    /// <summary>A line printed under the header, e.g. why a row is missing or what a row means.</summary>
    public void Note(string line) => _notes.Add(line);

    public bool Has(string name) => _configurations.Any(c => c.Name == name);

    public async Task RunAsync(int rounds, string baseline, TextWriter output)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        if (!Has(baseline))
        {
            throw new InvalidOperationException($"the baseline '{baseline}' is not one of the configurations");
        }
        Console.Error.WriteLine($"[bench] warm-up round ({_configurations.Count} configurations, discarded)");
        foreach (var configuration in _configurations)
        {
            await configuration.Measure();
        }
        for (var round = 0; round < rounds; round++)
        {
            Console.Error.WriteLine($"[bench] round {round + 1}/{rounds}");
            for (var k = 0; k < _configurations.Count; k++)
            {
                var configuration = _configurations[(round + k) % _configurations.Count];
                configuration.Samples.Add(await configuration.Measure());
            }
        }
        Write(output, rounds, baseline);
    }

    private void Write(TextWriter output, int rounds, string baseline)
    {
        output.WriteLine(title);
        WriteMachine(output, threads);
        output.WriteLine($"{rounds} interleaved rounds after one discarded warm-up round; median and minimum of the round figures; ratios to '{baseline}'; threads: what each configuration is given (W=n: each worker's setting, applied inside the silo)");
        foreach (var note in _notes)
        {
            output.WriteLine(note);
        }

        var reference = _configurations.Single(c => c.Name == baseline);
        var (referenceMedian, referenceMin) = (Stats.Median(reference.Samples), reference.Samples.Min());
        var width = Math.Max(10, _configurations.Max(c => c.Name.Length));
        var label = unit.Label;
        output.WriteLine($"{"config".PadRight(width)} {"threads",7} {$"median {label}",18} {$"min {label}",15} {"median ratio",12} {"min ratio",9}");
        foreach (var configuration in _configurations)
        {
            var median = Stats.Median(configuration.Samples);
            var min = configuration.Samples.Min();
            output.WriteLine(
                $"{configuration.Name.PadRight(width)} {configuration.Threads,7} {(median * unit.Scale).ToString(unit.Format, CultureInfo.InvariantCulture),18} " +
                $"{(min * unit.Scale).ToString(unit.Format, CultureInfo.InvariantCulture),15} {median / referenceMedian,12:F3} {min / referenceMin,9:F3}");
        }
    }

    /// <summary>The machine and the thread setting, for every mode's header.</summary>
    public static void WriteMachine(TextWriter output, BenchmarkThreads threads)
    {
        output.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        output.WriteLine(threads.Describe());
    }

    private sealed record Configuration(string Name, int Threads, Func<Task<double>> Measure, List<double> Samples);
}
