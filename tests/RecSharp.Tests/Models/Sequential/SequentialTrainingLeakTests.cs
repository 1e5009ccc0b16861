using RecSharp.Models.Sequential;
using RecSharp.Models.Sequential.Losses;
using RecSharp.Tests.Retrieval;
using RecSharp.Torch;
using RecSharp.Torch.Optim;
using RecSharp.Training;
using static RecSharp.Tests.Models.Sequential.SequentialTestData;

namespace RecSharp.Tests.Models.Sequential;

[Collection(SerialEngineCollection.Name)]
public class SequentialTrainingLeakTests
{
    [Theory]
    [InlineData("gru4rec", "full")]
    [InlineData("pooling", "sampled")]
    public void TrainingAndEvaluationFreeEveryTensorTheyCreate(string name, string loss)
    {
        torch.ManualSeed(1);
        var split = PlantedRule(numItems: 15, users: 60, length: 8, seed: 3);
        using var model = SequentialModels.Create(name, new SequentialModelConfig { NumItems = 15, Dim = 4, MaxLength = 6 });
        ISequentialLoss lossFunction = loss == "full" ? new FullSoftmaxLoss() : new SampledSoftmaxLoss(15);
        var task = new SequentialTrainingTask(model, split, lossFunction, batchSize: 16, seed: 1);
        using var optimizer = new Adam(model.Parameters(), lr: 0.01);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = torch.LiveTensorCount;
        new Trainer(new TrainerOptions { Epochs = 2, Verbose = false })
            .Fit(task, optimizer, _ => SequentialEvaluation.SelectionValue(model, split.Validation));
        SequentialEvaluation.Evaluate(model, split.Test);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(before, torch.LiveTensorCount);
    }
}
