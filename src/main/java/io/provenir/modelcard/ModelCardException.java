package io.provenir.modelcard;

/** A card, manifest or eval results that cannot be used; the message names the field's path. */
public class ModelCardException extends RuntimeException {
  public ModelCardException(String message) {
    super(message);
  }
}
