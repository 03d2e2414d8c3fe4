using System.Globalization;
using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Mixtures;

/// <summary>
/// Shows WatchMixture progress stage by stage: a live bar per stage run on a terminal, a line when a
/// stage changes status or passes a tenth of its steps when output is redirected, nothing for --json.
/// </summary>
internal sealed class MixtureProgressView(IAnsiConsole? console)
{
    public static MixtureProgressView None { get; } = new(console: null);

    public async Task<MixtureReport> ShowAsync(string title, Func<Action<MixtureReport>, Task<MixtureReport>> watch)
    {
        if (console is null)
        {
            return await watch(_ => { });
        }

        if (!console.Profile.Capabilities.Interactive)
        {
            return await watch(new LineWriter(console, title).Write);
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
                var tasks = new Dictionary<string, ProgressTask>();
                void Update(MixtureReport report)
                {
                    foreach (var stage in report.Stages)
                    {
                        if (!tasks.TryGetValue(Key(stage), out var task))
                        {
                            task = context.AddTask("", autoStart: true, maxValue: 1);
                            tasks.Add(Key(stage), task);
                        }

                        task.MaxValue = Math.Max(1, stage.TotalSteps);
                        task.Value = stage.Status == "completed" ? task.MaxValue : stage.Step;
                        task.Description = Markup.Escape($"{title}  {Describe(stage)}");
                    }
                }

                var final = await watch(Update);
                Update(final);
                return final;
            });
    }

    /// <summary>One stage run, for example "round 1 reference run-7 running step 120/400".</summary>
    public static string Describe(MixtureStage stage)
    {
        var run = stage.RunId.Length > 0 ? $" {stage.RunId}" : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"round {stage.Round} {stage.Stage}{run} {stage.Status} step {stage.Step}/{stage.TotalSteps}");
    }

    private static string Key(MixtureStage stage) => $"{stage.Round}/{stage.Stage}";

    private sealed class LineWriter(IAnsiConsole console, string title)
    {
        private readonly Dictionary<string, (string Status, int Tenth)> _shown = [];

        public void Write(MixtureReport report)
        {
            foreach (var stage in report.Stages)
            {
                var tenth = stage.TotalSteps > 0 ? 10 * stage.Step / stage.TotalSteps : 0;
                var state = (stage.Status, tenth);
                if (_shown.TryGetValue(Key(stage), out var shown) && shown == state)
                {
                    continue;
                }

                _shown[Key(stage)] = state;
                console.WriteLine($"{title}: {Describe(stage)}");
            }
        }
    }
}
