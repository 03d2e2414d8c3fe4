using Minimax.Contracts.Api;
using Minimax.Contracts.Grains.Evaluations;
using Minimax.Contracts.Specs;

namespace Minimax.Silo.Services;

/// <summary>Maps an evaluation's snapshot onto the minimax.v1 EvaluationReport.</summary>
public static class EvaluationMapper
{
    public static EvaluationReport ToReport(EvaluationSnapshot snapshot)
    {
        var compare = snapshot.Spec?.Compare;
        var report = new EvaluationReport
        {
            Correction = compare is null ? "" : SpecNames.Of(compare.Correction),
            Alpha = compare?.Alpha ?? 0,
            Base = compare?.Base ?? "",
            Test = compare is null ? "" : SpecNames.Of(compare.Test),
            MemoryEstimateBytes = snapshot.Spec?.Memory?.PeakBytes ?? 0,
        };
        if (snapshot.Result is not { } result)
        {
            return report;
        }
        report.Examples = result.Examples;
        report.Groups.AddRange(result.Groups);
        report.Models.AddRange(result.Models.Select(Model));
        report.Comparisons.AddRange(result.Comparisons.Select(Comparison));
        return report;
    }

    private static EvaluatedModel Model(EvaluatedModelRecord model)
    {
        var message = new EvaluatedModel
        {
            Name = model.Name,
            Source = model.Source,
            Count = model.Count,
            Correct = model.Correct,
            Accuracy = model.Accuracy,
            Ci95 = Interval(model.Ci95),
            WorstGroup = model.WorstGroup,
            WorstGroupAccuracy = model.WorstGroupAccuracy,
            MacroAccuracy = model.MacroAccuracy,
            Abstentions = model.Abstentions,
            AbstentionShareOfErrors = model.AbstentionShareOfErrors,
            Perplexity = model.Perplexity,
        };
        message.Groups.AddRange(model.Groups.Select(group => new EvaluatedGroup
        {
            Group = group.Group,
            Count = group.Count,
            Correct = group.Correct,
            Accuracy = group.Accuracy,
            Ci95 = Interval(group.Ci95),
            Loss = group.Loss,
            Abstentions = group.Abstentions,
        }));
        if (model.Pooled is { } pooled)
        {
            message.CommonCounter = new CommonCounterReport { Pooled = Row(pooled) };
            message.CommonCounter.PerClass.AddRange(model.PerClass.Select(Row));
        }
        return message;
    }

    private static Comparison Comparison(ComparisonRecord record)
    {
        var message = new Comparison
        {
            Model = record.Model,
            Base = record.Base,
            Group = record.Group ?? "",
            Scope = record.Group is null ? "overall" : "group",
            BaseAccuracy = record.BaseAccuracy,
            Accuracy = record.Accuracy,
            Test = record.Test,
            Significant = record.Significant,
            BaseOnlyCorrect = record.BaseOnlyCorrect,
            ModelOnlyCorrect = record.ModelOnlyCorrect,
        };
        if (record.RelativeDrop is { } drop)
        {
            message.RelativeDrop = drop;
        }
        if (record.Statistic is { } statistic)
        {
            message.Statistic = statistic;
        }
        if (record.PValue is { } p)
        {
            message.PValue = p;
        }
        if (record.PAdjusted is { } adjusted)
        {
            message.PAdjusted = adjusted;
        }
        return message;
    }

    private static Interval Interval(IntervalRecord interval) => new() { Low = interval.Low, High = interval.High };

    private static CommonCounterRow Row(CommonCounterRecord row) => new() { Class = row.Class ?? "", Common = row.Common, Counter = row.Counter, Drop = row.Drop };
}
