using System.Globalization;
using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Runs;

/// <summary>
/// Shows WatchRun progress: a live bar on a terminal, a line per evaluation (and every tenth of the
/// run) when output is redirected, nothing at all for --json.
/// </summary>
internal sealed class ProgressView(IAnsiConsole? console)
{
    public static ProgressView None { get; } = new(console: null);

    public async Task<T> ShowAsync<T>(string title, Func<Action<RunProgress>, Task<T>> watch)
    {
        if (console is null)
        {
            return await watch(_ => { });
        }

        if (!console.Profile.Capabilities.Interactive)
        {
            return await watch(new LineWriter(console).Write);
        }

        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), autoStart: true, maxValue: 1);
                return await watch(progress =>
                {
                    task.MaxValue = Math.Max(1, progress.TotalSteps);
                    task.Value = progress.Step;
                    task.Description = Markup.Escape($"{title}  {Describe(progress)}");
                });
            });
    }

    public static string Describe(RunProgress p)
    {
        var parts = new List<string>
        {
            $"step {p.Step}/{p.TotalSteps}",
            $"loss {Number(p.TrainLoss, "F4")}",
        };
        if (p.Val is { } val)
        {
            parts.Add($"val worst {Number(val.WorstGroupAccuracy, "F3")} (g{val.WorstGroup})");
        }

        if (p.GroupWeights.Count > 0)
        {
            var shown = p.GroupWeights.Take(8).Select(q => Number(q, "F3"));
            parts.Add($"q [{string.Join(' ', shown)}{(p.GroupWeights.Count > 8 ? " ..." : "")}]");
        }

        return string.Join("  ", parts);
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed class LineWriter(IAnsiConsole console)
    {
        private int _lastValStep = -1;
        private int _lastTenth = -1;

        public void Write(RunProgress progress)
        {
            var tenth = progress.TotalSteps > 0 ? 10 * progress.Step / progress.TotalSteps : 0;
            var valStep = progress.Val?.Step ?? -1;
            if (valStep == _lastValStep && tenth == _lastTenth)
            {
                return;
            }

            (_lastValStep, _lastTenth) = (valStep, tenth);
            console.WriteLine(Describe(progress));
        }
    }
}
