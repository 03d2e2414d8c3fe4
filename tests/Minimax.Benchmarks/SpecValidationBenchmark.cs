using System.Diagnostics;
using System.Text;
using Minimax.Contracts.Specs;
using Minimax.Engine.Files;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;
using Minimax.Silo.Services;
using Minimax.Silo.Services.Jobs;
using Minimax.Testing;

namespace Minimax.Benchmarks;

/// <summary>
/// Submit-time validation of specs just under the 1 MiB default of Limits:MaxSpecBytes, filled with
/// names (<see cref="WideSpecs"/>), through the silo's SubmitValidation as a submit runs it: parse once,
/// the kind, the kind's reader, the data roots and the files' headers. Prints the time per validation,
/// median and minimum over the repeats (one warm-up first), in wall-clock and in CPU time of the process
/// (less sensitive to other work on the machine, but it includes the garbage collector's threads).
/// </summary>
public static class SpecValidationBenchmark
{
    public static void Run(int repeats, TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("minimax-spec-bench-").FullName;
        try
        {
            var roots = new DataRoots([directory]);
            // 70k features need more than the default worker memory; that check, the last, is not what is measured.
            var limits = new RunLimits { MaxWorkerMemoryBytes = long.MaxValue };
            output.WriteLine($"spec validation (SubmitValidation.Parse, KindOf, Validate*; data checks included); {repeats} repeats after one warm-up; server GC {System.Runtime.GCSettings.IsServerGC}");
            output.WriteLine($"{"spec",-26} {"bytes",9} {"names",7} {"median ms",10} {"min ms",8} {"cpu median",11} {"cpu min",8}");
            foreach (var spec in WideSpecs.Write(directory))
            {
                var submission = new SpecSubmission(spec.Yaml, [], directory);
                void Validate() => Validated(SubmitValidation.Parse(submission, limits), limits, roots);

                Validate();
                var times = new List<double>();
                var cpuTimes = new List<double>();
                using var process = Process.GetCurrentProcess();
                for (var i = 0; i < repeats; i++)
                {
                    process.Refresh();
                    var cpu = process.TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    Validate();
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    process.Refresh();
                    cpuTimes.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
                }

                output.WriteLine($"{spec.Name,-26} {Encoding.UTF8.GetByteCount(spec.Yaml),9} {spec.Names,7} {Stats.Median(times),10:F1} {times.Min(),8:F1} {Stats.Median(cpuTimes),11:F1} {cpuTimes.Min(),8:F1}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static object Validated(ParsedSpec parsed, RunLimits limits, DataRoots roots) => SubmitValidation.KindOf(parsed) switch
    {
        SpecKind.DoReMi => SubmitValidation.ValidateMixture(parsed, limits, roots),
        SpecKind.Evaluation => SubmitValidation.ValidateEvaluation(parsed, roots),
        _ => SubmitValidation.Validate(parsed, limits, roots),
    };
}
