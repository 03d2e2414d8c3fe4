using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Jobs;

/// <summary>
/// Shows WatchJob progress of any kind through its renderer's <see cref="IJobRenderer.Progress"/> items:
/// live bars on a terminal, a line per item milestone when output is redirected, nothing without a console (--json).
/// The job's warnings (<see cref="JobWarnings"/>) go to stderr as soon as an event carries them, also with --json;
/// above the live bars on a terminal, where a line on stderr would be drawn over.
/// </summary>
public sealed class JobProgressView(IAnsiConsole? console, JobRenderers renderers)
{
    public async Task<JobReport> ShowAsync(string jobId, Func<Action<JobProgress>, Task<JobReport>> watch)
    {
        var warnings = new JobWarnings(renderers);
        var report = await ShowAsync(jobId, watch, warnings);
        warnings.From(report);
        return report;
    }

    private async Task<JobReport> ShowAsync(string jobId, Func<Action<JobProgress>, Task<JobReport>> watch, JobWarnings warnings)
    {
        if (console is null)
        {
            return await watch(warnings.From);
        }

        if (!console.Profile.Capabilities.Interactive)
        {
            var lines = new LineWriter(console);
            return await watch(progress =>
            {
                warnings.From(progress);
                lines.Write(Title(progress.Kind, jobId), Items(progress));
            });
        }

        var live = warnings.WritingTo(line => console.MarkupLine($"[yellow]{Markup.Escape(line)}[/]"));

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
                var bars = new Dictionary<string, ProgressTask>();
                void Update(string title, IReadOnlyList<ProgressItem> items)
                {
                    foreach (var item in items)
                    {
                        if (!bars.TryGetValue(item.Key, out var bar))
                        {
                            bar = context.AddTask("", autoStart: true, maxValue: 1);
                            bars.Add(item.Key, bar);
                        }

                        bar.MaxValue = Math.Max(1, item.Max);
                        bar.Value = item.Value;
                        bar.Description = Markup.Escape($"{title}  {item.Text}");
                    }
                }

                var final = await watch(progress =>
                {
                    live.From(progress);
                    Update(Title(progress.Kind, jobId), Items(progress));
                });
                Update(Title(final.Kind, jobId), renderers.Find(final.Kind)?.Final(final) ?? []);
                return final;
            });
    }

    private IReadOnlyList<ProgressItem> Items(JobProgress progress) =>
        renderers.Find(progress.Kind) is { } renderer ? renderer.Progress(progress) : [ProgressItem.Generic(progress)];

    private string Title(string kind, string jobId) => $"{renderers.Find(kind)?.Noun ?? "job"} {jobId}";

    private sealed class LineWriter(IAnsiConsole console)
    {
        private readonly Dictionary<string, string> _milestones = [];

        public void Write(string title, IReadOnlyList<ProgressItem> items)
        {
            foreach (var item in items)
            {
                if (_milestones.TryGetValue(item.Key, out var shown) && shown == item.Milestone)
                {
                    continue;
                }

                _milestones[item.Key] = item.Milestone;
                console.WriteLine($"{title}: {item.Text}");
            }
        }
    }
}
