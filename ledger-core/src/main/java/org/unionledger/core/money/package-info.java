/**
 * Money as a value over long fen, and the account every fund keeps: in, out, reserved, available.
 */
package org.unionledger.core.money;
