export const id = 281;
export const ids = [281];
export const modules = {

/***/ 8281:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   decodeClaims: () => (/* binding */ decodeClaims)
/* harmony export */ });
// Reads the claims of the job's OIDC token without verifying it: only to explain a denial.
function decodeClaims(token) {
    const payload = token.split('.')[1];
    if (!payload)
        return {};
    try {
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    }
    catch {
        return {};
    }
}


/***/ })

};
