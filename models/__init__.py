"""The model folders shipped with stance, installed as the package `stance_models` (see stance.nli.default_model_path)."""
