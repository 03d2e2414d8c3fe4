using System.Globalization;
using System.Text;

namespace Minimax.Benchmarks;

/// <summary>A small generated CSV dataset (label y, attribute a, 6 features) and a tiny spec for it.</summary>
public static class SmallData
{
    public static void Write(string directory)
    {
        var random = new Random(11);
        foreach (var (file, rows, agreement) in new[] { ("train.csv", 400, 0.9), ("val.csv", 120, 0.5), ("test.csv", 120, 0.5) })
        {
            var text = new StringBuilder("y,a,f0,f1,f2,f3,f4,f5\n");
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
            File.WriteAllText(Path.Combine(directory, file), text.ToString());
        }
    }

    /// <summary>Paths relative to the spec directory (the data folder, which is the silos' data root).</summary>
    public static string SpecYaml(int steps) => $"""
        name: load
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
          workers: 1
          steps: {steps}
          batch_size: 32
          optimizer: {"{"} kind: sgd, lr: 0.05, momentum: 0.9 {"}"}
          eval_every: {Math.Max(1, steps / 2)}
          checkpoint_every: {Math.Max(1, steps / 2)}
        """;
}
