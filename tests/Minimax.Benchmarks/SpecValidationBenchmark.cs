using System.Diagnostics;
using System.Text;
using Minimax.Engine.Files;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;
using Minimax.Silo.Services;
using Minimax.Silo.Services.Jobs;

namespace Minimax.Benchmarks;

/// <summary>
/// Submit-time validation of specs just under the 1 MiB default of Limits:MaxSpecBytes, filled with
/// names (features, mixture weights, reference weights), through the silo's SubmitValidation with its
/// data checks: the kind, the reader, the data roots and the files' headers. Prints the time per
/// validation, median and minimum over the repeats (one warm-up first).
/// </summary>
public static class SpecValidationBenchmark
{
    private const int TargetBytes = (1 << 20) - 4096;

    public static void Run(int repeats, TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("minimax-spec-bench-").FullName;
        try
        {
            var roots = new DataRoots([directory]);
            var limits = new RunLimits();
            output.WriteLine($"spec validation (SubmitValidation.KindOf + Validate*, data checks included); {repeats} repeats after one warm-up");
            output.WriteLine($"{"spec",-26} {"bytes",9} {"names",7} {"median ms",10} {"min ms",8}");
            foreach (var shape in Shapes(directory))
            {
                var submission = new SpecSubmission(shape.Yaml, [], directory);
                void Validate()
                {
                    SubmitValidation.KindOf(submission, limits);
                    shape.Validate(submission, limits, roots);
                }

                Validate();
                var times = new List<double>();
                for (var i = 0; i < repeats; i++)
                {
                    var clock = Stopwatch.StartNew();
                    Validate();
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }

                output.WriteLine($"{shape.Name,-26} {Encoding.UTF8.GetByteCount(shape.Yaml),9} {shape.Names,7} {Stats.Median(times),10:F1} {times.Min(),8:F1}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record Shape(string Name, string Yaml, int Names, Action<SpecSubmission, RunLimits, DataRoots> Validate);

    private static IEnumerable<Shape> Shapes(string directory)
    {
        var features = Names("feature_", "");
        var header = "y,a," + string.Join(',', features);
        var row = "\n1,0," + string.Join(',', features.Select(_ => "0"));
        foreach (var split in new[] { "train", "val", "test" })
        {
            File.WriteAllText(Path.Combine(directory, $"{split}.csv"), header + row + row.Replace("\n1,", "\n0,") + "\n");
        }

        File.WriteAllText(Path.Combine(directory, "pile.jsonl"), "{\"text\": \"hello\", \"domain\": \"d0\"}\n");
        yield return new("train: data.features", $"""
            name: wide
            data:
              train: train.csv
              val: val.csv
              test: test.csv
              label: y
              groups_by: [a]
              features: [{string.Join(", ", features)}]
            training:
              steps: 10
            """, features.Count, (s, l, r) => SubmitValidation.Validate(s, l, r));

        var domains = Names("domain_", ": 1");
        yield return new("train: data.mixture", $$"""
            name: wide-mixture
            data:
              format: jsonl
              train: pile.jsonl
              domain_field: domain
              mixture: {{{string.Join(", ", domains)}}}
            model: { kind: transformer, layers: 1, heads: 2, width: 32, ff: 64, context: 16 }
            training:
              steps: 10
            """, domains.Count, (s, l, r) => SubmitValidation.Validate(s, l, r));

        yield return new("doremi: reference_weights", $$"""
            kind: doremi
            name: wide-doremi
            data:
              format: jsonl
              train: pile.jsonl
              domain_field: domain
            doremi:
              reference_weights: {{{string.Join(", ", domains)}}}
            training:
              steps: 10
            """, domains.Count, (s, l, r) => SubmitValidation.ValidateMixture(s, l, r));
    }

    /// <summary>prefix0 .. prefixN with a suffix each, as many as fit, comma-separated, in <see cref="TargetBytes"/> less room for the rest of a spec.</summary>
    private static List<string> Names(string prefix, string suffix)
    {
        var names = new List<string>();
        for (var (i, bytes) = (0, 0); bytes < TargetBytes - 1024; i++)
        {
            var name = $"{prefix}{i}{suffix}";
            names.Add(name);
            bytes += name.Length + 2;
        }

        return names;
    }
}
