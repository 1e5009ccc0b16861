namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// Hyper-parameters of the learned collaborative-filtering models (BPR-MF, GMF, MLP, NeuMF). Defaults follow the
/// NCF authors' README (factors 8, tower [64, 32, 16, 8], 4 negatives, batch 256, Adam lr 0.001, 20 epochs;
/// pretrained NeuMF fine-tuned with plain SGD, alpha 0.5) and MMRec for BPR (64 factors).
/// </summary>
public sealed record LearnedCfOptions
{
    /// <summary>Factors of GMF / NeuMF's GMF part / BPR-MF; null = the model's default (8 for NCF models, 64 for BPR).</summary>
    public int? Dim { get; init; }

    /// <summary>MLP tower widths; the embeddings have MlpLayers[0] / 2 entries.</summary>
    public IReadOnlyList<int> MlpLayers { get; init; } = [64, 32, 16, 8];

    public int Epochs { get; init; } = 20;
    public double LearningRate { get; init; } = 0.001;
    public int BatchSize { get; init; } = 256;

    /// <summary>Negatives per positive per epoch for the pointwise models (BPR always draws one per pair).</summary>
    public int Negatives { get; init; } = 4;

    /// <summary>Seeds the initial weights and the negative sampling.</summary>
    public long Seed { get; init; } = 2020;

    /// <summary>BPR-MF: L2 weight on the embeddings of each batch.</summary>
    public double RegWeight { get; init; } = 1e-5;

    /// <summary>NeuMF pretraining: weight of the GMF half of the output layer.</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>Optimizer of the pretrained NeuMF's fine-tuning: "sgd" (the paper) or "adam".</summary>
    public string FinetuneOptimizer { get; init; } = "sgd";

    /// <summary>Learning rate of the fine-tuning; null = <see cref="LearningRate"/>.</summary>
    public double? FinetuneLearningRate { get; init; }

    /// <summary>
    /// Early-stop on the split's validation cases (P2: HR@10 of the held-out latest train item; P3: Recall@20)
    /// and restore the best epoch. Off by default: a fixed number of epochs, the last one reported.
    /// </summary>
    public bool EarlyStopping { get; init; }

    public int Patience { get; init; } = 5;

    /// <summary>Threads of the validation evaluator (0 = one per core).</summary>
    public int Threads { get; init; }

    /// <summary>Print one line per epoch.</summary>
    public bool Verbose { get; init; } = true;

    /// <summary>Optional sink called after every mini-batch (a live progress line); see <see cref="Training.Trainer.Progress"/>.</summary>
    public Action<Training.TrainingProgress>? Progress { get; init; }

    public int ResolvedDim(string model) => Dim ?? (model == "bpr" ? 64 : 8);

    public void Validate()
    {
        if (Dim is < 1) throw new ArgumentOutOfRangeException(nameof(Dim), Dim, "--dim must be at least 1");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "--epochs must be at least 1");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "--lr must be positive");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "--batch must be at least 1");
        if (Negatives < 1) throw new ArgumentOutOfRangeException(nameof(Negatives), Negatives, "--negatives must be at least 1");
        if (!(RegWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(RegWeight), RegWeight, "the regularisation weight must be >= 0");
        if (FinetuneOptimizer is not ("sgd" or "adam"))
            throw new ArgumentException($"unknown fine-tuning optimizer '{FinetuneOptimizer}': expected sgd or adam", nameof(FinetuneOptimizer));
        if (FinetuneLearningRate is { } lr && !(lr > 0)) throw new ArgumentOutOfRangeException(nameof(FinetuneLearningRate), lr, "the fine-tuning learning rate must be positive");
    }
}
