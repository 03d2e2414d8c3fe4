namespace Minimax.Testing;

/// <summary>
/// Specs just under the 1 MiB default of Limits:MaxSpecBytes, each filled with tens of thousands of names
/// in one place (features, mixture weights, reference weights), with the small data files they name, for
/// the tests and the benchmark of submit-time validation (issue 9, item 5).
/// </summary>
public static class WideSpecs
{
    public const int TargetBytes = (1 << 20) - 4096;

    /// <summary>One spec: what it fills, its YAML, and how many names it holds.</summary>
    public sealed record WideSpec(string Name, string Yaml, int Names);

    /// <summary>Writes train/val/test.csv (a column per feature) and pile.jsonl into <paramref name="directory"/> and returns the specs that read them.</summary>
    public static IReadOnlyList<WideSpec> Write(string directory)
    {
        var features = Names("feature_", "");
        var header = "y,a," + string.Join(',', features);
        var row = "\n1,0," + string.Join(',', features.Select(_ => "0"));
        foreach (var split in new[] { "train", "val", "test" })
        {
            File.WriteAllText(Path.Combine(directory, $"{split}.csv"), header + row + row.Replace("\n1,", "\n0,") + "\n");
        }

        File.WriteAllText(Path.Combine(directory, "pile.jsonl"), "{\"text\": \"hello\", \"domain\": \"d0\"}\n");
        var featureList = string.Join(", ", features);
        var domains = Names("domain_", ": 1");
        var weights = string.Join(", ", domains);
        return
        [
            new("train: data.features", $"""
                name: wide
                data:
                  train: train.csv
                  val: val.csv
                  test: test.csv
                  label: y
                  groups_by: [a]
                  features: [{featureList}]
                training:
                  steps: 10
                """, features.Count),
            new("train: data.mixture", $$"""
                name: wide-mixture
                data:
                  format: jsonl
                  train: pile.jsonl
                  domain_field: domain
                  mixture: {{{weights}}}
                model: { kind: transformer, layers: 1, heads: 2, width: 32, ff: 64, context: 16 }
                training:
                  steps: 10
                """, domains.Count),
            new("doremi: reference_weights", $$"""
                kind: doremi
                name: wide-doremi
                data:
                  format: jsonl
                  train: pile.jsonl
                  domain_field: domain
                doremi:
                  reference_weights: {{{weights}}}
                training:
                  steps: 10
                """, domains.Count),
            new("evaluation: data.features", $"""
                kind: evaluation
                name: wide-evaluation
                data:
                  test: test.csv
                  label: y
                  groups_by: [a]
                  features: [{featureList}]
                models:
                  - name: m
                    run: run-0123456789ab
                """, features.Count),
        ];
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
