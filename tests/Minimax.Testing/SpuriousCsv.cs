using System.Globalization;
using System.Text;

namespace Minimax.Testing;

/// <summary>
/// Small generated CSV splits for tests and benchmarks (no downloads): label y, attribute a equal to y
/// with probability <c>agreement</c>, and features f0..f5 (two weakly about y, two strongly about a,
/// two noise). Groups by [a] give g = 2y + a.
/// </summary>
public static class SpuriousCsv
{
    public const string Header = "y,a,f0,f1,f2,f3,f4,f5";

    /// <summary>train.csv (a = y in 90%), val.csv and test.csv (a independent of y) in <paramref name="directory"/>.</summary>
    public static void WriteSplits(string directory, int trainRows = 400, int evaluationRows = 120, int seed = 11)
    {
        var random = new Random(seed);
        Write(Path.Combine(directory, "train.csv"), trainRows, 0.9, random);
        Write(Path.Combine(directory, "val.csv"), evaluationRows, 0.5, random);
        Write(Path.Combine(directory, "test.csv"), evaluationRows, 0.5, random);
    }

    public static void Write(string path, int rows, double agreement, Random random)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var y = random.Next(2);
            var a = random.NextDouble() < agreement ? y : 1 - y;
            text.Append(CultureInfo.InvariantCulture, $"{y},{a}");
            for (var f = 0; f < 6; f++)
            {
                var signal = f < 2 ? (y * 2 - 1) * 0.8 : f < 4 ? (a * 2 - 1) * 1.5 : 0;
                text.Append(CultureInfo.InvariantCulture, $",{signal + (random.NextDouble() * 2 - 1):R}");
            }
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>A small Group DRO spec over <see cref="WriteSplits"/>, with paths relative to the data folder.</summary>
    public static string SpecYaml(string name, int steps, int workers, int evalEvery, int? checkpointEvery = null) => $"""
        name: {name}
        seed: 5
        data:
          format: csv
          train: train.csv
          val: val.csv
          test: test.csv
          label: y
          groups_by: [a]
        model: {"{"} kind: mlp, hidden: [16] {"}"}
        objective:
          kind: group_dro
          step_size: 0.1
        training:
          workers: {workers}
          steps: {steps}
          batch_size: 32
          optimizer: {"{"} kind: sgd, lr: 0.05, momentum: 0.9 {"}"}
          eval_every: {evalEvery}
        """ + (checkpointEvery is { } every ? $"\n  checkpoint_every: {every}" : "");
}
