using System.Text.Json;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Evaluations;

/// <summary>
/// Kind <c>evaluation</c>: models scored per group, compared with a base model. Progress is the phase and
/// the models done; the report is <see cref="EvaluationView"/>, <see cref="EvaluationJson"/> and
/// <see cref="EvaluationPlots"/>.
/// </summary>
public sealed class EvaluationRenderer : IJobRenderer
{
    public string Kind => "evaluation";

    public string Noun => "evaluation";

    public IReadOnlyList<string> PlotFiles => [EvaluationPlots.GroupsFile, EvaluationPlots.CommonCounterFile];

    public IReadOnlyList<ProgressItem> Progress(JobProgress progress) =>
        progress.Evaluation is { } evaluation
            ?
            [
                new ProgressItem(
                    "evaluation",
                    $"{evaluation.Phase} {evaluation.ModelsDone}/{evaluation.ModelsTotal} models",
                    evaluation.ModelsDone,
                    evaluation.ModelsTotal,
                    $"{evaluation.Phase}/{evaluation.ModelsDone}"),
            ]
            : [ProgressItem.Generic(progress)];

    public void WriteReport(IAnsiConsole console, JobReport report) => EvaluationView.Write(console, report);

    public void WriteJson(Utf8JsonWriter json, JobReport report) => EvaluationJson.WriteFields(json, report);

    public IReadOnlyList<string> WritePlots(string directory, JobReport report) => EvaluationPlots.Write(directory, report);
}
